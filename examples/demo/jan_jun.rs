//! The demonstration's history from January to June 2026: the strategy
//! moves into git, the first 2026 items start and ship, two decisions are
//! made and two people join.

use crate::paths::*;
use crate::script::Change::{Add, Edit, Field, Values};
use crate::script::{Commit, commit};

pub const COMMITS: &[Commit] = &[
    commit(
        "2026-01-12T09:30",
        "ada-okafor",
        "Move the product strategy from the wiki into this repository\n\n\
         One file per goal, roadmap item, metric and decision, so that every\n\
         change to the plan is a pull request with a reviewer and a reason.\n\
         CI checks the files and publishes the site on every merge.\n",
        &[],
    ),
    commit(
        "2026-01-15T16:05",
        "ada-okafor",
        "Decision: freeze the roadmap for each quarter at planning\n\n\
         Sales asked for a roadmap that holds for a quarter. Agreed with Marcus\n\
         and Priya at the Q1 planning offsite.\n",
        &[Add(FREEZE)],
    ),
    commit(
        "2026-01-19T10:12",
        "zoe-muller",
        "Digital forms: build started\n",
        &[Field(FORMS, "status", "planned", "in-progress")],
    ),
    commit(
        "2026-02-02T08:40",
        "dana-kim",
        "Skills-based assignment starts this sprint\n",
        &[
            Field(SKILLS, "status", "planned", "in-progress"),
            Field(SKILLS, "horizon", "next", "now"),
        ],
    ),
    commit(
        "2026-02-03T09:15",
        "priya-raman",
        "Metrics: January\n",
        &[Values("2026-01-01")],
    ),
    commit(
        "2026-02-10T14:20",
        "marcus-lindqvist",
        "Decision: license a third-party routing engine for route optimizer v2\n\n\
         Nobody on the team has built a multi-vehicle solver. Route optimizer v2\n\
         moves from idea to planned for the second half.\n",
        &[
            Add(ROUTING_LICENCE),
            Field(ROUTE, "status", "idea", "planned"),
            Field(ROUTE, "horizon", "later", "next"),
        ],
    ),
    commit(
        "2026-02-16T11:02",
        "grace-oduya",
        "Guided data import: kick-off\n",
        &[
            Field(IMPORT, "status", "planned", "in-progress"),
            Field(IMPORT, "horizon", "next", "now"),
        ],
    ),
    commit(
        "2026-03-02T09:48",
        "leilani-kahale",
        "Online booking widget moves to now\n",
        &[
            Field(BOOKING, "status", "planned", "in-progress"),
            Field(BOOKING, "horizon", "next", "now"),
        ],
    ),
    commit(
        "2026-03-03T08:55",
        "priya-raman",
        "Metrics: February\n",
        &[Values("2026-02-01")],
    ),
    commit(
        "2026-03-20T17:30",
        "zoe-muller",
        "Digital forms: the form builder is live for office admins\n",
        &[Edit(
            FORMS,
            "2026-03-20, done: false",
            "2026-03-20, done: true",
        )],
    ),
    commit(
        "2026-03-27T13:10",
        "dana-kim",
        "Skills and certifications are on technician profiles\n",
        &[Edit(
            SKILLS,
            "2026-03-27, done: false",
            "2026-03-27, done: true",
        )],
    ),
    commit(
        "2026-03-27T16:45",
        "grace-oduya",
        "Guided import: CSV import with column mapping shipped\n",
        &[Edit(
            IMPORT,
            "2026-03-27, done: false",
            "2026-03-27, done: true",
        )],
    ),
    commit(
        "2026-04-02T09:05",
        "priya-raman",
        "Metrics: March\n",
        &[Values("2026-03-01")],
    ),
    commit(
        "2026-04-06T10:30",
        "kwame-mensah",
        "Geo data pipeline starts: drive-time matrices for 40 metros\n",
        &[
            Field(GEO, "status", "planned", "in-progress"),
            Field(GEO, "horizon", "next", "now"),
        ],
    ),
    commit(
        "2026-04-13T09:00",
        "priya-raman",
        "Welcome Farah Siddiqui, our product analyst\n\n\
         Farah takes over time to first dispatch from Grace, and the monthly\n\
         metric updates from me.\n",
        &[
            Add("people/farah-siddiqui.md"),
            Field(
                "metrics/time-to-first-dispatch.md",
                "owner",
                "grace-oduya",
                "farah-siddiqui",
            ),
        ],
    ),
    commit(
        "2026-04-24T16:20",
        "zoe-muller",
        "Digital forms are in the technician app\n",
        &[Edit(
            FORMS,
            "2026-04-24, done: false",
            "2026-04-24, done: true",
        )],
    ),
    commit(
        "2026-05-04T08:50",
        "farah-siddiqui",
        "Metrics: April\n",
        &[Values("2026-04-01")],
    ),
    commit(
        "2026-05-04T11:15",
        "wei-chen",
        "Audit log: start now, it is the last SOC 2 control we lack\n",
        &[
            Field(AUDIT, "status", "planned", "in-progress"),
            Field(AUDIT, "horizon", "next", "now"),
        ],
    ),
    commit(
        "2026-05-12T13:40",
        "ada-okafor",
        "Decision: do not build an on-premises edition\n\n\
         Thirty person-months and a second deployment model for two utilities.\n\
         EU data residency is how we answer data-control requests instead.\n",
        &[
            Add("decisions/drop-on-prem-edition.md"),
            Field(ON_PREM, "status", "idea", "dropped"),
            Edit(
                ON_PREM,
                "## Idea\n\n\
                 Two utilities ask for a self-hosted Fieldline. Engineering estimates\n\
                 30 person-months; to be decided in May.\n",
                "## Why we dropped it\n\n\
                 Two utilities asked for a self-hosted Fieldline. The cost of supporting a\n\
                 second deployment model would have slowed every other team for years.\n\
                 Dropped in May 2026; see the\n\
                 [decision record](../../decisions/drop-on-prem-edition.md).\n",
            ),
            Edit(
                "roadmap/platform/data-residency-eu.md",
                "go-to-market plan.\n",
                "go-to-market plan; see the decision to\n\
                 [drop the on-premises edition](../../decisions/drop-on-prem-edition.md),\n\
                 which set the rule that we answer data-control requests with hosted\n\
                 regions, not self-hosting.\n",
            ),
            Edit(
                "pages/principles.md",
                "not forks.\n",
                "not forks — see the\n\
                 [on-premises decision](../decisions/drop-on-prem-edition.md).\n",
            ),
        ],
    ),
    commit(
        "2026-05-15T17:05",
        "grace-oduya",
        "Guided data import shipped\n\n\
         Importers for three competitor exports and duplicate detection are live\n\
         for every new account.\n",
        &[
            Field(IMPORT, "status", "in-progress", "shipped"),
            Edit(IMPORT, "2026-04-24, done: false", "2026-04-24, done: true"),
            Edit(IMPORT, "2026-05-15, done: false", "2026-05-15, done: true"),
        ],
    ),
    commit(
        "2026-05-29T15:35",
        "zoe-muller",
        "Digital forms shipped: signed PDFs on every invoice\n",
        &[
            Field(FORMS, "status", "in-progress", "shipped"),
            Edit(FORMS, "2026-05-29, done: false", "2026-05-29, done: true"),
        ],
    ),
    commit(
        "2026-06-01T09:20",
        "dana-kim",
        "Welcome Samir Haddad, PM for scheduling and routing\n\n\
         Samir takes over skills-based assignment, route optimizer v2, manual\n\
         route locking and same-day rescheduling from me.\n",
        &[
            Add("people/samir-haddad.md"),
            Field(SKILLS, "owner", "dana-kim", "samir-haddad"),
            Field(ROUTE, "owner", "dana-kim", "samir-haddad"),
            Field(LOCKING, "owner", "dana-kim", "samir-haddad"),
            Field(RESHUFFLE, "owner", "dana-kim", "samir-haddad"),
            Field(
                "goals/dispatch/same-day-rescheduling.md",
                "owner",
                "dana-kim",
                "samir-haddad",
            ),
        ],
    ),
    commit(
        "2026-06-01T18:45",
        "zoe-muller",
        "Offline mode moves to now, starting with read-only offline\n",
        &[
            Field(OFFLINE, "status", "planned", "in-progress"),
            Field(OFFLINE, "horizon", "next", "now"),
        ],
    ),
    commit(
        "2026-06-02T08:45",
        "farah-siddiqui",
        "Metrics: May\n",
        &[Values("2026-05-01")],
    ),
    commit(
        "2026-06-03T10:25",
        "wei-chen",
        "Decision: ship SAML single sign-on before OIDC\n\n\
         85 % of the enterprise pipeline is on Entra ID or Okta. SSO and SCIM\n\
         are planned for next.\n",
        &[
            Add("decisions/saml-before-oidc.md"),
            Field(SSO_BEFORE, "status", "idea", "planned"),
            Field(SSO_BEFORE, "horizon", "later", "next"),
            Field(SCIM_BEFORE, "status", "idea", "planned"),
            Field(SCIM_BEFORE, "horizon", "later", "next"),
            Edit(
                SSO_BEFORE,
                "Workspace; OIDC later. Admins can",
                "Workspace; OIDC later. We chose this order in\n\
                 [SAML before OIDC](../../decisions/saml-before-oidc.md). Admins can",
            ),
        ],
    ),
    commit(
        "2026-06-12T16:50",
        "kwame-mensah",
        "Geo pipeline: address geocoding with confidence scores is live\n",
        &[Edit(
            GEO,
            "2026-06-12, done: false",
            "2026-06-12, done: true",
        )],
    ),
    commit(
        "2026-06-30T17:15",
        "samir-haddad",
        "Skills-based assignment shipped\n\n\
         The board now suggests only qualified technicians and warns before a\n\
         certification expires.\n",
        &[
            Field(SKILLS, "status", "in-progress", "shipped"),
            Edit(SKILLS, "2026-05-08, done: false", "2026-05-08, done: true"),
            Edit(SKILLS, "2026-06-30, done: false", "2026-06-30, done: true"),
        ],
    ),
];
