// The floor of the init figures: importing a module that does nothing, on the same page load.
export const empty = true;
