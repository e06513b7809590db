//! The demonstration's history from July to September 2026: the monthly
//! roadmap review replaces the quarterly freeze, routing is rebuilt in
//! house, and the identity items move to a folder of their own.

use crate::paths::*;
use crate::script::Change::{Add, Edit, Field, Move, Values};
use crate::script::{Commit, commit};

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
];
