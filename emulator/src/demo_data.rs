//! The built-in demo data, loaded when no `--fixture` is given and by `POST /__emulator/reset`
//! with an empty body. Fixed values, no randomness: every start gives the same state (offsets
//! relative to the load time). `verba-emulator --dump-demo-fixture` prints it as a fixture.
//!
//! API keys:
//! - `74c8eea0-50c6-40b2-9f3e-252ed501c3c8` (the spec's sample key) requires a token: the
//!   spec's sample token `09835e02-6c10-11e0-bb22-ba324924019b` works; the token
//!   `d2a5e7c0-6c10-11e0-bb22-ba324924019b` expired five minutes before the load (code 4);
//! - `3b8f1e52-9c4d-4e7a-8f21-6d0c5a9e7b14` needs no token.
//!
//! Calls worth knowing (35 in all: 23 finished, 5 ongoing, 7 scheduled):
//! - extension `8856`: exactly one finished call (with `+3612345678`), so the vendor's GET sample
//!   (`extension=8856&status=last`) answers code 0, then code 2;
//! - callID `a8343631-9f35-4a3a-83f0-9e81592339fb` (the spec's sample; also platformCallID
//!   `71627389`, nativeID `TRS26140192`, meetingID `WHBFM6DD`): a finished meeting;
//! - extension `8801` (reception): two ongoing calls, so `ongoing` is ambiguous (code 3); its
//!   `last` call is deletable, several times over;
//! - extension `8810`: four finished calls (the newest shared with `8801`), `last` deletes
//!   them newest first;
//! - extension `8820`: its most recent finished call is protected (`last`: code 5);
//! - extension `8830`: one ongoing call (`ongoing`: code 0, marked for deletion);
//! - extension `8840`: one ongoing protected call (`ongoing`: code 5);
//! - extension `8845`: a call scheduled 30 s after the load (`next`: code 0 during that time);
//! - extension `8850`: two calls scheduled at the same moment, 50 s after the load (`next`:
//!   code 3);
//! - extension `8860`: a call scheduled in 10 minutes (`next`: code 2) and one finished call;
//! - platformCallID `71627400` and meetingID `K7Q2ZP4M` are each shared by two calls (code 3);
//! - extension `8899`: takes part in no call (code 2).

use crate::fixture::{
    ApiKeyFixture, CallFixture, Fixture, TokenFixture, TokenWithExpiry, UserFixture,
};
use crate::store::CallState;

/// The spec's sample API key; requires a token.
pub const SAMPLE_API_KEY: &str = "74c8eea0-50c6-40b2-9f3e-252ed501c3c8";
/// The spec's sample token, valid for [`SAMPLE_API_KEY`].
pub const SAMPLE_TOKEN: &str = "09835e02-6c10-11e0-bb22-ba324924019b";
/// A token of [`SAMPLE_API_KEY`] that expired before the load.
pub const EXPIRED_TOKEN: &str = "d2a5e7c0-6c10-11e0-bb22-ba324924019b";
/// An API key that needs no token.
pub const OPEN_API_KEY: &str = "3b8f1e52-9c4d-4e7a-8f21-6d0c5a9e7b14";
/// The spec's sample callID.
pub const SAMPLE_CALL_ID: &str = "a8343631-9f35-4a3a-83f0-9e81592339fb";

const MIN: i64 = 60;
const HOUR: i64 = 3600;
const DAY: i64 = 86_400;

/// One row of the table below.
struct Row {
    id: &'static str,
    platform: Option<&'static str>,
    native: Option<&'static str>,
    meeting: Option<&'static str>,
    who: &'static [&'static str],
    state: CallState,
    start: i64,
    end: Option<i64>,
    protected: bool,
}

const fn finished(
    id: &'static str,
    platform: &'static str,
    native: &'static str,
    who: &'static [&'static str],
    start: i64,
    end: i64,
) -> Row {
    Row {
        id,
        platform: Some(platform),
        native: Some(native),
        meeting: None,
        who,
        state: CallState::Finished,
        start,
        end: Some(end),
        protected: false,
    }
}

const fn live(
    id: &'static str,
    state: CallState,
    native: &'static str,
    who: &'static [&'static str],
    start: i64,
) -> Row {
    Row {
        id,
        platform: None,
        native: Some(native),
        meeting: None,
        who,
        state,
        start,
        end: None,
        protected: false,
    }
}

const fn meeting(mut row: Row, meeting_id: &'static str) -> Row {
    row.meeting = Some(meeting_id);
    row
}

const fn protected(mut row: Row) -> Row {
    row.protected = true;
    row
}

use CallState::{Ongoing, Scheduled};

const ROWS: &[Row] = &[
    // The spec's sample identifiers: a finished Skype meeting two days ago.
    Row {
        id: SAMPLE_CALL_ID,
        platform: Some("71627389"),
        native: Some("TRS26140192"),
        meeting: Some("WHBFM6DD"),
        who: &[
            "sip:anna.kovacs@example.com",
            "sip:peter.nagy@example.com",
            "8812",
        ],
        state: CallState::Finished,
        start: -2 * DAY - 3 * HOUR,
        end: Some(-2 * DAY - 2 * HOUR - 15 * MIN),
        protected: false,
    },
    // The vendor's GET sample: 8856 takes part in this call only.
    finished(
        "190d22a6-d8a8-4d03-9d63-7d36528eba47",
        "71627390",
        "TRS26140310",
        &["8856", "+36 1 234 5678"],
        -70 * MIN,
        -58 * MIN,
    ),
    // 8801, reception: many calls.
    finished(
        "e3f00b46-caad-4d66-badf-c18b84cb02e2",
        "71627301",
        "TRS26139001",
        &["8801", "+44 20 7946 0123"],
        -6 * DAY - 2 * HOUR,
        -6 * DAY - 2 * HOUR + 4 * MIN,
    ),
    finished(
        "6aae9091-2f29-4509-8516-850760745846",
        "71627302",
        "TRS26139002",
        &["+1 202 555 0143", "8801"],
        -4 * DAY - 5 * HOUR,
        -4 * DAY - 5 * HOUR + 11 * MIN,
    ),
    finished(
        "e41a5f73-b36d-4472-9830-6f9007c286c4",
        "71627303",
        "TRS26139003",
        &["8801", "+36 1 555 0101"],
        -DAY - 3 * HOUR,
        -DAY - 3 * HOUR + 2 * MIN,
    ),
    finished(
        "f229ab18-b2f1-4923-89a4-84dff3b032c2",
        "71627304",
        "TRS26139004",
        &["+44 20 7946 0456", "8801"],
        -5 * HOUR,
        -5 * HOUR + 7 * MIN,
    ),
    finished(
        "46ebf75b-9ddd-4450-8b19-8a5aaa3947d7",
        "71627305",
        "TRS26139005",
        &["8801", "+1 202 555 0178"],
        -2 * HOUR,
        -2 * HOUR + 3 * MIN,
    ),
    finished(
        "66a85c8f-e990-4795-a68e-aa1133e35ce0",
        "71627306",
        "TRS26139006",
        &["8801", "8810"],
        -40 * MIN,
        -37 * MIN,
    ),
    // 8810, sales desk (also in the transfer above and in a call below).
    finished(
        "247c81b5-0a94-4413-8101-31fa83eb0485",
        "71627311",
        "TRS26139011",
        &["8810", "+36 1 555 0117"],
        -3 * DAY - HOUR,
        -3 * DAY - HOUR + 25 * MIN,
    ),
    finished(
        "39b0d70d-feae-4f44-8d6f-616922e9f832",
        "71627312",
        "TRS26139012",
        &["+49 30 5550 1234", "8810"],
        -DAY - 6 * HOUR,
        -DAY - 6 * HOUR + 9 * MIN,
    ),
    // 8820, compliance: the most recent call is under legal hold.
    finished(
        "a661e916-0156-4598-b75a-eb763760103a",
        "71627321",
        "TRS26139021",
        &["8820", "+44 20 7946 0789"],
        -2 * DAY - 4 * HOUR,
        -2 * DAY - 4 * HOUR + 14 * MIN,
    ),
    protected(finished(
        "4958284f-1584-4aa5-8097-5cdd4c4ab5b4",
        "71627322",
        "TRS26139022",
        &["8820", "sip:legal@example.com"],
        -3 * HOUR,
        -3 * HOUR + 31 * MIN,
    )),
    // 8830, support.
    finished(
        "52dd09a0-09a9-45db-b57c-8a70cf159954",
        "71627331",
        "TRS26139031",
        &["8830", "+36 1 555 0142"],
        -5 * DAY - 7 * HOUR,
        -5 * DAY - 7 * HOUR + 6 * MIN,
    ),
    finished(
        "74a041df-4be0-47b1-b0d9-c97c75bd44e0",
        "71627332",
        "TRS26139032",
        &["+1 202 555 0111", "8830"],
        -9 * HOUR,
        -9 * HOUR + 18 * MIN,
    ),
    // 8860, 8870.
    finished(
        "027eab95-0383-4e3f-8882-f251a834da9b",
        "71627361",
        "TRS26139061",
        &["8860", "+44 20 7946 0321"],
        -26 * HOUR,
        -26 * HOUR + 5 * MIN,
    ),
    finished(
        "bb927b83-57f9-496a-8e82-ae8d24ab132c",
        "71627371",
        "TRS26139071",
        &["8870", "+36 1 555 0163"],
        -6 * DAY - 9 * HOUR,
        -6 * DAY - 9 * HOUR + 21 * MIN,
    ),
    // The same platformCallID on two platforms: ambiguous by platformCallID.
    finished(
        "230078a6-770b-4a8b-b878-685a1bce82c3",
        "71627400",
        "TRS26139100",
        &["8812", "+1 202 555 0190"],
        -4 * DAY - 2 * HOUR,
        -4 * DAY - 2 * HOUR + 8 * MIN,
    ),
    finished(
        "2237f80c-9411-4ce7-9169-1406adcb3b2b",
        "71627400",
        "CSC-0000418825",
        &["8810", "+36 1 555 0188"],
        -30 * HOUR,
        -30 * HOUR + 12 * MIN,
    ),
    // A weekly meeting recorded twice under one meetingID: ambiguous by meetingID.
    meeting(
        finished(
            "80d1f7e6-4453-4b32-9ce0-6b82e3395ea8",
            "71627411",
            "TRS26139111",
            &["sip:anna.kovacs@example.com", "sip:support@example.com"],
            -7 * DAY + 2 * HOUR,
            -7 * DAY + 3 * HOUR,
        ),
        "K7Q2ZP4M",
    ),
    meeting(
        finished(
            "b1cf3c64-faef-40bf-a5e7-2878d9982cd2",
            "71627412",
            "TRS26139112",
            &["sip:anna.kovacs@example.com", "sip:support@example.com"],
            -2 * HOUR - 30 * MIN,
            -90 * MIN,
        ),
        "K7Q2ZP4M",
    ),
    // Protected by callID only.
    protected(finished(
        "c6243b0d-90d9-4b28-a3b6-6d4b1a37d810",
        "71627421",
        "TRS26139121",
        &["sip:legal@example.com", "+1 202 555 0178"],
        -3 * DAY - 6 * HOUR,
        -3 * DAY - 5 * HOUR,
    )),
    // A meeting with its own meetingID (deletable by meetingID).
    meeting(
        finished(
            "d3d54177-424e-4c63-833b-ec56f1849b8a",
            "71627431",
            "TRS26139131",
            &["sip:peter.nagy@example.com", "+44 20 7946 0555"],
            -20 * HOUR,
            -19 * HOUR,
        ),
        "Q4TR7X2B",
    ),
    finished(
        "ae771b49-6404-4b46-b87d-ae224691c08a",
        "71627441",
        "TRS26139141",
        &["sip:support@example.com", "+36 1 555 0199"],
        -50 * MIN,
        -44 * MIN,
    ),
    // Ongoing.
    live(
        "8c0a69ba-7ebc-43f1-bce7-44a75245f4bf",
        Ongoing,
        "TRS26140401",
        &["8801", "+44 20 7946 0123"],
        -4 * MIN,
    ),
    live(
        "0df193d4-1a53-4d80-97e3-a107874f589f",
        Ongoing,
        "TRS26140402",
        &["+1 202 555 0143", "8801"],
        -90,
    ),
    live(
        "c995032e-5ccd-414a-87f5-b0977d5a13b4",
        Ongoing,
        "TRS26140403",
        &["8830", "+36 1 555 0142"],
        -7 * MIN,
    ),
    protected(live(
        "a02b65bd-074c-4a6b-8526-f1938cc52bcc",
        Ongoing,
        "TRS26140404",
        &["8840", "+44 20 7946 0456"],
        -20 * MIN,
    )),
    meeting(
        live(
            "ec43a199-b487-4f82-a7f7-2131b9035f12",
            Ongoing,
            "TRS26140405",
            &["sip:support@example.com", "sip:anna.kovacs@example.com"],
            -12 * MIN,
        ),
        "M9DX3L2Q",
    ),
    // Scheduled.
    live(
        "2f2d1bdf-072c-4c74-ad8c-cb29550c8ae1",
        Scheduled,
        "TRS26140501",
        &["8845", "+1 202 555 0199"],
        30,
    ),
    live(
        "a47be148-5289-4e5e-8af6-e5e30dcfc91c",
        Scheduled,
        "TRS26140502",
        &["8850", "+44 20 7946 0987"],
        50,
    ),
    live(
        "a4fcb863-e117-4573-b16a-649d4098cb88",
        Scheduled,
        "TRS26140503",
        &["8850", "+36 1 555 0177"],
        50,
    ),
    live(
        "d5ad889b-f0a0-4f90-b501-b5c917cb9459",
        Scheduled,
        "TRS26140504",
        &["8860", "+49 30 5550 9876"],
        10 * MIN,
    ),
    live(
        "185110ec-583e-41f6-9b1d-3815cfae339e",
        Scheduled,
        "TRS26140505",
        &["8801", "+1 202 555 0166"],
        2 * HOUR,
    ),
    live(
        "08629ceb-0d4e-475c-ae7b-ed4babba42b7",
        Scheduled,
        "TRS26140506",
        &["8810", "+44 20 7946 0222"],
        DAY,
    ),
    protected(meeting(
        live(
            "5c6acf39-507e-4518-a980-734ec3558f14",
            Scheduled,
            "TRS26140507",
            &[
                "sip:anna.kovacs@example.com",
                "sip:legal@example.com",
                "8820",
            ],
            3 * HOUR,
        ),
        "B0ARD2Q4",
    )),
];

/// The demo data as a fixture.
pub fn fixture() -> Fixture {
    Fixture {
        api_keys: vec![
            ApiKeyFixture {
                key: SAMPLE_API_KEY.to_string(),
                tokens: Some(vec![
                    TokenFixture::Plain(SAMPLE_TOKEN.to_string()),
                    TokenFixture::WithExpiry(TokenWithExpiry {
                        token: EXPIRED_TOKEN.to_string(),
                        expires_offset_s: Some(-5 * MIN),
                    }),
                ]),
                requires_token: Some(true),
            },
            ApiKeyFixture {
                key: OPEN_API_KEY.to_string(),
                tokens: None,
                requires_token: Some(false),
            },
        ],
        calls: ROWS
            .iter()
            .map(|r| CallFixture {
                call_id: r.id.to_string(),
                platform_call_id: r.platform.map(str::to_string),
                native_id: r.native.map(str::to_string),
                meeting_id: r.meeting.map(str::to_string),
                participants: Some(r.who.iter().map(|s| s.to_string()).collect()),
                state: r.state,
                start_offset_s: r.start,
                end_offset_s: r.end,
                do_not_delete: Some(r.protected),
                marked_for_deletion: None,
            })
            .collect(),
        response_delay_ms: None,
        users: vec![UserFixture {
            user_name: SAMPLE_USER.to_string(),
            password: SAMPLE_PASSWORD.to_string(),
            roles: vec![
                "System Administrator".to_string(),
                "System Supervisor".to_string(),
            ],
        }],
        token_lifetime_s: None,
        faults: None,
    }
}

/// The vendor's sample user (its example `Authorization` header decodes to
/// `myapiuser:pa$$word`), with both roles `RequestToken` requires.
pub const SAMPLE_USER: &str = "myapiuser";
/// The sample user's password.
pub const SAMPLE_PASSWORD: &str = "pa$$word";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture::into_store;
    use crate::store::{Selector, Statuses};

    const NOW: i64 = 1_800_000_000_000;

    fn ext(n: &str, ongoing: bool, next: bool, last: bool) -> Selector {
        Selector::Extension {
            participant: n.to_string(),
            statuses: Statuses {
                ongoing,
                next,
                last,
            },
        }
    }

    #[test]
    fn demo_data_loads_and_has_the_promised_shape() {
        let store = into_store(&fixture(), NOW).expect("demo data must be valid");
        assert_eq!(store.call_count(), 35);
        let count = |s: CallState| ROWS.iter().filter(|r| r.state == s).count();
        assert_eq!(
            (count(CallState::Finished), count(Ongoing), count(Scheduled)),
            (23, 5, 7)
        );
        // 8856 takes part in exactly one call, a finished one.
        let with_8856: Vec<&Row> = ROWS.iter().filter(|r| r.who.contains(&"8856")).collect();
        assert_eq!(with_8856.len(), 1);
        assert_eq!(with_8856[0].state, CallState::Finished);
        assert_eq!(store.find(&ext("8856", false, false, true), NOW).len(), 1);
        assert_eq!(store.find(&ext("8801", true, false, false), NOW).len(), 2);
        assert_eq!(store.find(&ext("8850", false, true, false), NOW).len(), 2);
        assert_eq!(store.find(&ext("8845", false, true, false), NOW).len(), 1);
        assert!(store.find(&ext("8860", false, true, false), NOW).is_empty());
        assert_eq!(
            store
                .find(&Selector::PlatformCallId("71627400".into()), NOW)
                .len(),
            2
        );
        assert_eq!(
            store
                .find(&Selector::MeetingId("K7Q2ZP4M".into()), NOW)
                .len(),
            2
        );
    }
}
