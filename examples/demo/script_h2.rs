//! The demonstration's history from July to December 2026: the monthly
//! roadmap review replaces the quarterly freeze, routing is rebuilt in
//! house, the identity items move to a folder of their own, offline mode
//! and single sign-on slip, and the October and November reviews are tagged.

use crate::script::Change::{Add, Edit, Field, Line, Move, Values};
use crate::script::{Commit, commit};
use crate::script_h1::{
    AUDIT, BOOKING, FREEZE, GEO, LOCKING, OFFLINE, ROUTE, ROUTING_LICENCE, SCIM_BEFORE, SSO_BEFORE,
};

const SSO: &str = "roadmap/platform/identity/sso.md";
const SCIM: &str = "roadmap/platform/identity/scim-provisioning.md";
const SAML: &str = "decisions/saml-before-oidc.md";
const SECURITY: &str = "goals/enterprise/pass-security-reviews.md";
const API: &str = "roadmap/platform/public-api-v2.md";
const BOARD: &str = "roadmap/dispatch/dispatch-board-redesign.md";
const PARTNERS: &str = "roadmap/growth/partner-referral-program.md";
const PRICING: &str = "roadmap/growth/usage-based-pricing.yaml";
const PAYMENTS: &str = "roadmap/homeowner/homeowner-payments.md";
const SMS: &str = "roadmap/platform/sms-gateway-migration.yaml";
const SANDBOX: &str = "roadmap/growth/sample-data-sandbox.md";
const LOCATION: &str = "roadmap/mobile/live-technician-location.md";
const TEXTS: &str = "roadmap/homeowner/on-my-way-texts.md";
const CRDT: &str = "decisions/offline-sync-crdt.md";

pub const COMMITS: &[Commit] = &[
    commit(
        "2026-07-01T10:00",
        "ada-okafor",
        "Decision: replace the quarterly freeze with a monthly roadmap review\n\n\
         Fourteen exceptions in Q2 made the freeze the exception process. Now\n\
         items are stable for the quarter; next and later change monthly, by\n\
         pull request to this repository.\n",
        &[
            Add("decisions/rolling-roadmap-review.md"),
            Field(FREEZE, "status", "accepted", "superseded"),
            Edit(
                FREEZE,
                "- Sales get a stable story.\n\
                 - Teams may keep working on an item that turns out wrong for up to\n  \
                   twelve weeks.\n",
                "- Sales got a stable story.\n\
                 - Teams kept working on items they knew were wrong for up to twelve weeks,\n  \
                   and exceptions became routine: 14 in Q2 2026.\n\n\
                 Superseded by [rolling monthly roadmap review](rolling-roadmap-review.md).\n",
            ),
            Edit(
                "pages/planning-rituals.md",
                "changed.\n",
                "changed. The rules come from the decision to\n\
                 [replace the quarterly freeze with a monthly review](../decisions/rolling-roadmap-review.md).\n",
            ),
        ],
    ),
    commit(
        "2026-07-02T08:40",
        "farah-siddiqui",
        "Metrics: June\n\nThe churn spike is two franchise groups consolidating after an acquisition.\n",
        &[Values("2026-06-01")],
    ),
    commit(
        "2026-07-06T09:30",
        "jose-alvarez",
        "Public API v2: spec review with integration partners starts\n",
        &[
            Field(API, "status", "planned", "in-progress"),
            Field(API, "horizon", "next", "now"),
        ],
    ),
    commit(
        "2026-07-06T13:15",
        "samir-haddad",
        "Manual route locking: discovery with six dispatchers\n",
        &[Field(LOCKING, "status", "planned", "in-progress")],
    ),
    commit(
        "2026-07-08T11:20",
        "hannah-obrien",
        "Partner referral pilot is live with two HVAC distributors\n",
        &[Field(PARTNERS, "status", "planned", "in-progress")],
    ),
    commit(
        "2026-07-17T15:40",
        "wei-chen",
        "Audit log: events for users, roles and settings are recorded\n",
        &[Edit(
            AUDIT,
            "2026-07-17, done: false",
            "2026-07-17, done: true",
        )],
    ),
    commit(
        "2026-07-30T12:10",
        "leilani-kahale",
        "Feedback: homeowners want to reschedule without calling\n\n\
         From the in-app survey of 1,240 homeowners. Adds a homeowner portal\n\
         as an idea for later.\n",
        &[
            Add("feedback/homeowner-reschedule.yaml"),
            Add("roadmap/homeowner/customer-portal.md"),
        ],
    ),
    commit(
        "2026-08-03T09:05",
        "dana-kim",
        "Dispatch board redesign starts\n",
        &[
            Field(BOARD, "status", "planned", "in-progress"),
            Field(BOARD, "horizon", "next", "now"),
        ],
    ),
    commit(
        "2026-08-04T08:30",
        "farah-siddiqui",
        "Metrics: July\n",
        &[Values("2026-07-01")],
    ),
    commit(
        "2026-08-14T16:55",
        "leilani-kahale",
        "Online booking widget shipped, with Google booking links\n",
        &[
            Field(BOOKING, "status", "in-progress", "shipped"),
            Edit(BOOKING, "2026-07-10, done: false", "2026-07-10, done: true"),
            Edit(BOOKING, "2026-08-14, done: false", "2026-08-14, done: true"),
        ],
    ),
    commit(
        "2026-08-20T14:30",
        "dana-kim",
        "Decision: build routing on OSRM and our own solver\n\n\
         Supersedes the licensed engine: its per-stop price would cost $410k a\n\
         year at 2027 volumes, and Samir has built production solvers before.\n",
        &[
            Add("decisions/build-routing-on-osrm.md"),
            Field(ROUTING_LICENCE, "status", "accepted", "superseded"),
            Edit(
                ROUTING_LICENCE,
                "",
                "\nSuperseded in August 2026 by\n\
                 [build routing on OSRM and our own solver](build-routing-on-osrm.md).\n",
            ),
            Edit(
                ROUTE,
                "the [geo data pipeline](geo-data-pipeline.md), on a licensed routing\n\
                 engine.\n",
                "the [geo data pipeline](geo-data-pipeline.md). We build on OSRM and our own\n\
                 solver instead of licensing one — see\n\
                 [the decision](../../decisions/build-routing-on-osrm.md).\n",
            ),
            Edit(
                "goals/dispatch/optimize-routes.md",
                "we are building.\n",
                "we shipped in September. The build-versus-buy question is settled in\n\
                 [this decision](../../decisions/build-routing-on-osrm.md).\n",
            ),
        ],
    ),
    commit(
        "2026-08-21T10:45",
        "jose-alvarez",
        "Feedback from the Comfort Pros QBR: one board across branches\n",
        &[
            Add("feedback/branch-rollups.md"),
            Edit(API, "2026-08-21, done: false", "2026-08-21, done: true"),
        ],
    ),
    commit(
        "2026-08-24T11:30",
        "samir-haddad",
        "Drop manual route locking\n\n\
         Dispatchers want to pin one or two jobs, not freeze a whole route.\n\
         Pinning jobs is part of route optimizer v2 and the board redesign.\n",
        &[
            Field(LOCKING, "status", "in-progress", "dropped"),
            Edit(LOCKING, "## What it is\n", "## What it was\n"),
        ],
    ),
    commit(
        "2026-08-28T17:20",
        "kwame-mensah",
        "Geo pipeline: hour-of-day travel times for 40 metros\n",
        &[
            Edit(GEO, "2026-08-28, done: false", "2026-08-28, done: true"),
            Edit(AUDIT, "2026-08-28, done: false", "2026-08-28, done: true"),
            Edit(
                PARTNERS,
                "2026-08-28, done: false",
                "2026-08-28, done: true",
            ),
        ],
    ),
    commit(
        "2026-09-01T09:10",
        "wei-chen",
        "SSO development starts with SAML for Okta and Entra ID\n",
        &[
            Field(SSO_BEFORE, "status", "planned", "in-progress"),
            Field(SSO_BEFORE, "horizon", "next", "now"),
        ],
    ),
    commit(
        "2026-09-02T08:35",
        "farah-siddiqui",
        "Metrics: August\n",
        &[Values("2026-08-01")],
    ),
    commit(
        "2026-09-07T14:05",
        "wei-chen",
        "Move SSO and SCIM into roadmap/platform/identity/\n\n\
         They share the identity-provider settings and OIDC will join them.\n\
         Links updated; the pages keep their addresses.\n",
        &[
            Move(SSO_BEFORE, SSO),
            Move(SCIM_BEFORE, SCIM),
            Edit(SSO, "(../../decisions/", "(../../../decisions/"),
            Edit(SSO, "(audit-log.md)", "(../audit-log.md)"),
            Edit(SCIM, "(custom-roles.md)", "(../custom-roles.md)"),
            Edit(SAML, "platform/sso.md)", "platform/identity/sso.md)"),
            Edit(
                SAML,
                "platform/scim-provisioning.md)",
                "platform/identity/scim-provisioning.md)",
            ),
            Edit(SECURITY, "platform/sso.md)", "platform/identity/sso.md)"),
            Edit(
                SECURITY,
                "platform/scim-provisioning.md)",
                "platform/identity/scim-provisioning.md)",
            ),
            Edit(
                "people/wei-chen.md",
                "platform/sso.md)",
                "platform/identity/sso.md)",
            ),
            Edit(
                "pages/playbooks/launch.md",
                "platform/sso.md)",
                "platform/identity/sso.md)",
            ),
            Edit(
                "roadmap/platform/multi-branch-hierarchy.md",
                "(sso.md)",
                "(identity/sso.md)",
            ),
            Edit(
                "pages/writing-roadmap-items.md",
                "`roadmap/platform/sso.md`",
                "`roadmap/platform/identity/sso.md`",
            ),
        ],
    ),
    commit(
        "2026-09-11T16:00",
        "dana-kim",
        "Board redesign: usability study with 12 dispatchers done\n",
        &[Edit(
            BOARD,
            "2026-09-11, done: false",
            "2026-09-11, done: true",
        )],
    ),
    commit(
        "2026-09-14T09:40",
        "samir-haddad",
        "Route optimizer v2 starts three weeks early\n\n\
         The geo pipeline is ahead of plan, so the solver work can begin now.\n",
        &[
            Field(ROUTE, "status", "planned", "in-progress"),
            Field(ROUTE, "horizon", "next", "now"),
            Field(ROUTE, "start", "2026-10-05", "2026-09-14"),
        ],
    ),
    commit(
        "2026-09-14T15:25",
        "priya-raman",
        "Feedback: Northwind will not renew without SSO\n",
        &[Add("feedback/northwind-sso-blocker.md")],
    ),
    commit(
        "2026-09-18T17:00",
        "wei-chen",
        "Audit log shipped: the last SOC 2 control\n",
        &[
            Field(AUDIT, "status", "in-progress", "shipped"),
            Edit(AUDIT, "2026-09-18, done: false", "2026-09-18, done: true"),
        ],
    ),
    commit(
        "2026-09-21T10:20",
        "grace-oduya",
        "Propose usage-based pricing for small contractors\n\n\
         Per completed job instead of per seat, for accounts under five\n\
         technicians. Pilot proposal goes to the October review.\n",
        &[
            Add(PRICING),
            Edit(
                SSO,
                "Product\n  marketing prefers the plan.\n",
                "Product\n  marketing prefers the plan; see [pricing work](../../growth/usage-based-pricing.yaml).\n",
            ),
        ],
    ),
    commit(
        "2026-09-30T18:10",
        "kwame-mensah",
        "Geo data pipeline shipped: dispatch runs on the new drive times\n",
        &[
            Field(GEO, "status", "in-progress", "shipped"),
            Edit(GEO, "2026-09-30, done: false", "2026-09-30, done: true"),
        ],
    ),
    commit(
        "2026-10-02T08:50",
        "farah-siddiqui",
        "Metrics: September\n",
        &[Values("2026-09-01")],
    ),
    commit(
        "2026-10-02T14:35",
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
        "2026-10-30T15:05",
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
