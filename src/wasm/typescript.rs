//! The TypeScript declarations of the glue wasm-bindgen generates (`verba_api.d.ts`). The glue
//! is internal to the package: its public types are the face's, `npm/index.d.ts`, written by
//! hand (exactly one selector, reports narrowed by `valid`, errors narrowed by `code`), and the
//! glue's declarations take their shapes from there, so each shape is declared once. The
//! string unions in `npm/index.d.ts` are pinned to the Rust values by `tests/js_shapes.rs`;
//! `make test-types` compiles this file's output too.

use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
import type {
  BatchInput,
  BatchOptions,
  BatchReport,
  BuiltRequest,
  ClientCall,
  ClientConfig,
  ConnectionOptions,
  DeleteCallOptions,
  DeleteCallResult,
  RequestTokenOptions,
  ResponseType,
  TokenInfo,
  ValidationIssue,
  ValidationReport,
} from "./index.js";

/**
 * Reads a DeleteCall reply the caller fetched itself, with the same rules as `deleteCall`:
 * returns the result on API success, throws a `VerbaError` otherwise. `null` counts as not
 * given.
 */
export function parseDeleteCallResponse(
  body: string,
  responseType?: ResponseType | Lowercase<ResponseType> | null,
  httpStatus?: number | null,
): DeleteCallResult;
"#;
