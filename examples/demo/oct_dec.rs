//! The demonstration's history from October to December 2026: a pricing
//! pilot is rejected and a partner program dropped, offline mode and single
//! sign-on slip, and the October and November reviews are tagged.

use crate::paths::*;
use crate::script::Change::{Add, Edit, Field, Line, Values};
use crate::script::{Commit, commit};

pub const COMMITS: &[Commit] = &[
    commit(
        "2026-10-02T08:50",
        "farah-siddiqui",
        "Metrics: September\n",
        &[Values("2026-09-01")],
    ),
    commit(
        "2026-10-02T17:30",
        "zoe-muller",
        "Feedback: Summit Plumbing's technicians lose forms offline\n",
        &[Add("feedback/rural-techs-offline.md")],
    ),
    commit(
        "2026-10-05T09:15",
        "leilani-kahale",
        "Homeowner payments move to now\n",
        &[
            Field(PAYMENTS, "status", "planned", "in-progress"),
            Field(PAYMENTS, "horizon", "next", "now"),
        ],
    ),
    commit(
        "2026-10-07T16:30",
        "grace-oduya",
        "Decision: usage-based pricing pilot rejected\n\n\
         Seasonal trades would pay almost nothing off-season. The item stays as\n\
         an idea for a smaller test later.\n",
        &[
            Add("decisions/usage-based-pricing-pilot.md"),
            Field(PRICING, "status", "planned", "idea"),
            Field(PRICING, "horizon", "next", "later"),
            Edit(PRICING, "confidence: 50", "confidence: 20"),
            Line(PRICING, "extra:"),
            Line(
                PRICING,
                "  note: \"A pilot was rejected in October 2026; kept as an idea for a later, smaller test.\"",
            ),
        ],
    ),
    commit(
        "2026-10-09T15:50",
        "hannah-obrien",
        "Drop the partner referral program after the pilot read-out\n\n\
         41 referred trials against a target of 300. The partner channel goal\n\
         is abandoned and self-serve growth is at risk until we replace the\n\
         volume.\n",
        &[
            Field(PARTNERS, "status", "in-progress", "dropped"),
            Edit(
                PARTNERS,
                "2026-10-09, done: false",
                "2026-10-09, done: true",
            ),
            Field(
                "goals/growth/partner-channel.md",
                "status",
                "at-risk",
                "abandoned",
            ),
            Field("goals/grow-self-serve.md", "status", "on-track", "at-risk"),
        ],
    ),
    commit(
        "2026-10-12T10:05",
        "jose-alvarez",
        "SMS gateway migration starts: 10DLC registration first\n",
        &[
            Field(SMS, "status", "planned", "in-progress"),
            Field(SMS, "horizon", "next", "now"),
        ],
    ),
    commit(
        "2026-10-14T11:00",
        "ingrid-solberg",
        "SOC 2 Type II achieved, with no exceptions\n",
        &[Field(
            "goals/enterprise/soc2-type-ii.md",
            "status",
            "on-track",
            "achieved",
        )],
    ),
    commit(
        "2026-10-16T09:25",
        "leilani-kahale",
        "Payments: processor contract signed\n",
        &[Edit(
            PAYMENTS,
            "2026-10-16, done: false",
            "2026-10-16, done: true",
        )],
    ),
    commit(
        "2026-10-19T10:40",
        "grace-oduya",
        "Sample-data sandbox trial starts\n",
        &[Field(SANDBOX, "status", "planned", "in-progress")],
    ),
    commit(
        "2026-10-21T16:15",
        "marcus-lindqvist",
        "October roadmap review: live location and \"on my way\" texts move to next\n\n\
         Both are planned for 2027; Farah takes the onboarding checklist.\n",
        &[
            Field(LOCATION, "status", "idea", "planned"),
            Field(LOCATION, "horizon", "later", "next"),
            Field(TEXTS, "status", "idea", "planned"),
            Field(TEXTS, "horizon", "later", "next"),
            Field(
                "roadmap/growth/in-app-onboarding-checklist.md",
                "owner",
                "grace-oduya",
                "farah-siddiqui",
            ),
        ],
    )
    .tagged(
        "review-2026-10",
        "October roadmap review\n\n\
         Pricing pilot rejected, partner program dropped; live location and\n\
         \"on my way\" texts planned for 2027.\n",
    ),
    commit(
        "2026-10-26T17:40",
        "zoe-muller",
        "Offline mode slips from November to February\n\n\
         Conflict handling for forms needs a new sync model, not a patch. Rafael\n\
         is writing up the options. Technician app adoption is at risk.\n",
        &[
            Field(OFFLINE, "target", "2026-11-27", "2027-02-26"),
            Edit(
                OFFLINE,
                "2026-11-06, done: false",
                "2027-01-22, done: false",
            ),
            Edit(
                OFFLINE,
                "2026-11-27, done: false",
                "2027-02-26, done: false",
            ),
            Edit(
                OFFLINE,
                "Target: **November 2026**.\n",
                "The target moved from **November 2026** to **February 2027**: conflict\n\
                 handling for forms turned out to need a sync model change, not a patch.\n\
                 This is why the goal [Every technician lives in the mobile app](../../goals/dispatch/technician-app-adoption.yaml)\n\
                 is off track.\n",
            ),
            Field(
                "goals/dispatch/technician-app-adoption.yaml",
                "status",
                "on-track",
                "at-risk",
            ),
            Field(
                "goals/dispatch/same-day-rescheduling.md",
                "status",
                "on-track",
                "at-risk",
            ),
        ],
    ),
    commit(
        "2026-10-30T11:05",
        "samir-haddad",
        "Route optimizer v2: the solver prototype beats v1 on replayed days\n",
        &[Edit(
            ROUTE,
            "2026-10-30, done: false",
            "2026-10-30, done: true",
        )],
    ),
    commit(
        "2026-10-30T18:20",
        "rafael-costa",
        "Offline status changes and notes are live\n",
        &[Edit(
            OFFLINE,
            "2026-10-30, done: false",
            "2026-10-30, done: true",
        )],
    ),
    commit(
        "2026-11-03T08:45",
        "farah-siddiqui",
        "Metrics: October\n",
        &[Values("2026-10-01")],
    ),
    commit(
        "2026-11-06T16:10",
        "jose-alvarez",
        "API v2 endpoints for jobs, customers and invoices; 10DLC registration done\n",
        &[
            Edit(API, "2026-11-06, done: false", "2026-11-06, done: true"),
            Edit(SMS, "2026-11-06, done: false", "2026-11-06, done: true"),
        ],
    ),
    commit(
        "2026-11-09T11:30",
        "dana-kim",
        "Add the dispatch copilot idea from AI hack week\n",
        &[Add("roadmap/dispatch/ai-dispatch-copilot.md")],
    ),
    commit(
        "2026-11-13T17:25",
        "wei-chen",
        "SSO: SAML with Okta and Entra ID is done\n",
        &[Edit(
            SSO,
            "2026-11-13, done: false",
            "2026-11-13, done: true",
        )],
    ),
    commit(
        "2026-11-18T12:00",
        "rafael-costa",
        "Propose CRDTs for offline sync\n\n\
         Last-write-wins loses technician notes. To be decided at the December\n\
         roadmap review.\n",
        &[
            Add(CRDT),
            Edit(
                OFFLINE,
                "",
                "How sync is implemented is still being decided — see the proposed\n\
                 [CRDT-based sync decision](../../decisions/offline-sync-crdt.md).\n\n",
            ),
            Edit(
                "people/rafael-costa.md",
                "Android.\n",
                "Android and is the author of\n\
                 the proposed [CRDT-based sync decision](../decisions/offline-sync-crdt.md).\n",
            ),
        ],
    ),
    commit(
        "2026-11-20T16:30",
        "marcus-lindqvist",
        "November roadmap review: SSO and route optimizer targets slip\n\n\
         SSO self-serve setup moves to 12 February for Google Workspace testing;\n\
         route optimizer GA to the end of March after the pilot. SCIM starts in\n\
         January, so security reviews are at risk until the end of the half.\n",
        &[
            Field(SSO, "target", "2027-01-29", "2027-02-12"),
            Edit(SSO, "2027-01-29, done: false", "2027-02-12, done: false"),
            Field(ROUTE, "target", "2027-02-26", "2027-03-31"),
            Edit(ROUTE, "2027-02-26, done: false", "2027-03-31, done: false"),
            Field(SCIM, "status", "planned", "in-progress"),
            Field(SCIM, "horizon", "next", "now"),
            Field(SECURITY, "status", "on-track", "at-risk"),
            Edit(BOARD, "2026-11-20, done: false", "2026-11-20, done: true"),
            Edit(SANDBOX, "2026-11-20, done: false", "2026-11-20, done: true"),
        ],
    )
    .tagged(
        "review-2026-11",
        "November roadmap review\n\n\
         SSO and route optimizer v2 targets slip; SCIM moves to now.\n",
    ),
    commit(
        "2026-12-02T09:00",
        "farah-siddiqui",
        "Metrics: November\n",
        &[Values("2026-11-01")],
    ),
    commit(
        "2026-12-02T14:45",
        "grace-oduya",
        "Guided setup goal achieved: activation at 47.2 % in November\n",
        &[
            Field(
                "goals/growth/guided-setup.md",
                "status",
                "on-track",
                "achieved",
            ),
            Edit(
                "goals/growth/guided-setup.md",
                "[Guided data import](../../roadmap/growth/guided-data-import.md)\n\
                 shipped in May 2026.\n",
                "**Achieved.** [Guided data import](../../roadmap/growth/guided-data-import.md)\n\
                 shipped in May 2026. Activation reached 47.2 % in November and median time\n\
                 to first dispatch fell to 5.8 days.\n",
            ),
        ],
    ),
    commit(
        "2026-12-07T10:30",
        "zoe-muller",
        "Weekly active technicians for December: 48,950\n",
        &[Values("2026-12-01")],
    ),
    commit(
        "2026-12-08T16:00",
        "marcus-lindqvist",
        "December roadmap review: accept CRDT-based offline sync\n",
        &[Field(CRDT, "status", "proposed", "accepted")],
    ),
];
