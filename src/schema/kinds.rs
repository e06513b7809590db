//! The kinds of entity as data: one row per kind says where its files
//! live, what it is called, what it holds, how the site shows it and which
//! of its references must not loop. Everything that varies by kind reads
//! its row, so adding a kind is a row here (which also names its `Kind`),
//! its fields in `fields.rs`, and its templates.

use super::Field;
use super::fields::*;
use serde::Serialize;

/// Declares `Kind`, one variant per row in row order, and the rows: the
/// name before a row is its variant, so that a kind is declared once and
/// its variant and its row cannot fall out of step.
macro_rules! kinds {
    ($($kind:ident => { $($row:tt)* }),* $(,)?) => {
        /// The kinds of entity, in the order of their rows (and of the
        /// site's navigation).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        #[serde(rename_all = "lowercase")]
        pub enum Kind {
            $($kind),*
        }

        /// The rows, in `Kind` order.
        const ROWS: &[Row] = &[$(Row { $($row)* }),*];

        impl Kind {
            /// Every kind, in row order: the vision first.
            pub const ALL: [Kind; ROWS.len()] = [$(Kind::$kind),*];
        }
    };
}

/// What the site, the checks and the scaffold know of one kind.
#[derive(Debug)]
pub struct Row {
    /// The folder of its files, which is also the URL segment and the
    /// `kind` in templates.
    pub folder: &'static str,
    /// "roadmap item": for messages about one.
    pub noun: &'static str,
    /// "roadmap items": for messages about several.
    pub plural: &'static str,
    /// "Roadmap items": its name over a list of its entities (the groups
    /// of search results, `diff`).
    pub label: &'static str,
    /// The field that names an entity on pages and in links.
    pub title_field: &'static str,
    pub fields: &'static [Field],
    /// The template of an entity's own page.
    pub template: &'static str,
    /// The end of the class of an entity's own page, `entity-roadmap`.
    pub class: &'static str,
    /// Its index page, listed in the navigation in row order.
    pub index: Option<Index>,
    /// What makes its entities a tree, if anything.
    pub tree: Option<Tree>,
    /// Reference fields that must not loop (trees and dependency graphs).
    pub acyclic: &'static [&'static str],
    /// Whether an entity's history shows a timeline of its field changes.
    pub timeline: bool,
    /// Whether its files may be `.yaml` (else Markdown only).
    pub yaml: bool,
    /// How search treats its entities; `None`: they are not in the index.
    pub search: Option<Search>,
    /// How the page of an entity it refers to lists it.
    pub cited: Cited,
    /// The back-links its own page shows its own way, `(kind, field)`:
    /// those of any other kind or field are listed as that kind's row
    /// says (`cited`), so that a new kind's references show on the pages
    /// they name without a change to those pages' templates.
    pub own_backlinks: &'static [(Kind, &'static str)],
}

/// What search makes of a kind's entities.
#[derive(Debug)]
pub struct Search {
    /// Whether a reference to one of them is a key field of the entity
    /// that holds it (its owner, its team, a person's role), shown and
    /// matched with it: a reference to other work (a goal, a dependency)
    /// is a relation, not a description.
    pub describes: bool,
}

/// How the page of an entity lists those of a kind that refer to it
/// (unless its kind's row shows them its own way): a section titled
/// `title`, with how many there are when `count`.
#[derive(Debug)]
pub struct Cited {
    pub title: &'static str,
    pub count: bool,
}

/// A kind's index page, `/<folder>/`.
#[derive(Debug)]
pub struct Index {
    pub template: &'static str,
    /// Its title, and its name in the navigation.
    pub title: &'static str,
    pub view: View,
}

/// How an index page lists the entities of its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// `columns`, one per horizon.
    Board,
    /// `tree`, from `Row::tree`.
    Tree,
    /// `org`, the tree from `Row::tree`, and the whole kind by title.
    OrgChart,
    /// The whole kind, under the folder's name, by title.
    ByTitle,
    /// The whole kind, under the folder's name, newest `date` first.
    Newest,
}

/// A tree over the entities of a kind, and the names its nodes have in
/// templates: `{goal: …, children: […]}`.
#[derive(Debug)]
pub struct Tree {
    pub parent: Parent,
    /// The name of a node's entity.
    pub node: &'static str,
    /// The name of a node's children.
    pub children: &'static str,
}

/// Where an entity's parent comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Parent {
    /// A reference field of the entity (`parent`, `reports_to`).
    Field(&'static str),
    /// The folder it sits in: `pages/guides/setup.md` under `guides`.
    Path,
}

kinds! {
    Vision => {
        folder: "vision",
        noun: "vision",
        plural: "visions",
        label: "Vision",
        title_field: "title",
        fields: VISION,
        template: "index.html",
        class: "vision",
        index: None,
        tree: None,
        acyclic: &[],
        timeline: false,
        yaml: false,
        search: Some(Search { describes: false }),
        cited: Cited {
            title: "Vision",
            count: false,
        },
        own_backlinks: &[],
    },
    Roadmap => {
        folder: "roadmap",
        noun: "roadmap item",
        plural: "roadmap items",
        label: "Roadmap items",
        title_field: "title",
        fields: ROADMAP,
        template: "roadmap_item.html",
        class: "roadmap",
        index: Some(Index {
            template: "roadmap_board.html",
            title: "Roadmap",
            view: View::Board,
        }),
        tree: None,
        acyclic: &["depends_on"],
        timeline: true,
        yaml: true,
        search: Some(Search { describes: false }),
        cited: Cited {
            title: "Roadmap items",
            count: false,
        },
        own_backlinks: &[
            (Kind::Roadmap, "depends_on"),
        ],
    },
    Goals => {
        folder: "goals",
        noun: "goal",
        plural: "goals",
        label: "Goals",
        title_field: "title",
        fields: GOALS,
        template: "goal.html",
        class: "goal",
        index: Some(Index {
            template: "goals_index.html",
            title: "Goals",
            view: View::Tree,
        }),
        tree: Some(Tree {
            parent: Parent::Field("parent"),
            node: "goal",
            children: "children",
        }),
        acyclic: &["parent"],
        timeline: true,
        yaml: true,
        search: Some(Search { describes: false }),
        cited: Cited {
            title: "Goals",
            count: false,
        },
        own_backlinks: &[
            (Kind::Roadmap, "goals"),
            (Kind::Goals, "parent"),
        ],
    },
    Metrics => {
        folder: "metrics",
        noun: "metric",
        plural: "metrics",
        label: "Metrics",
        title_field: "name",
        fields: METRICS,
        template: "metric.html",
        class: "metric",
        index: Some(Index {
            template: "metrics_index.html",
            title: "Metrics",
            view: View::ByTitle,
        }),
        tree: None,
        acyclic: &[],
        timeline: false,
        yaml: true,
        search: Some(Search { describes: false }),
        cited: Cited {
            title: "Metrics",
            count: false,
        },
        own_backlinks: &[
            (Kind::Goals, "key_results"),
        ],
    },
    People => {
        folder: "people",
        noun: "person",
        plural: "people",
        label: "People",
        title_field: "name",
        fields: PEOPLE,
        template: "person.html",
        class: "person",
        index: Some(Index {
            template: "people_index.html",
            title: "People",
            view: View::OrgChart,
        }),
        tree: Some(Tree {
            parent: Parent::Field("reports_to"),
            node: "person",
            children: "reports",
        }),
        acyclic: &["reports_to"],
        timeline: false,
        yaml: true,
        search: Some(Search { describes: true }),
        cited: Cited {
            title: "People",
            count: false,
        },
        own_backlinks: &[
            (Kind::Vision, "owner"),
            (Kind::Roadmap, "owner"),
            (Kind::Goals, "owner"),
            (Kind::Metrics, "owner"),
            (Kind::People, "reports_to"),
            (Kind::Teams, "lead"),
            (Kind::Decisions, "deciders"),
        ],
    },
    Teams => {
        folder: "teams",
        noun: "team",
        plural: "teams",
        label: "Teams",
        title_field: "name",
        fields: TEAMS,
        template: "team.html",
        class: "team",
        index: Some(Index {
            template: "teams_index.html",
            title: "Teams",
            view: View::Tree,
        }),
        tree: Some(Tree {
            parent: Parent::Field("parent"),
            node: "team",
            children: "children",
        }),
        acyclic: &["parent"],
        timeline: false,
        yaml: true,
        search: Some(Search { describes: true }),
        cited: Cited {
            title: "Teams",
            count: false,
        },
        own_backlinks: &[
            (Kind::Roadmap, "team"),
            (Kind::People, "team"),
            (Kind::Teams, "parent"),
        ],
    },
    Roles => {
        folder: "roles",
        noun: "role",
        plural: "roles",
        label: "Roles",
        title_field: "title",
        fields: ROLES,
        template: "role.html",
        class: "role",
        index: Some(Index {
            template: "roles_index.html",
            title: "Roles",
            view: View::ByTitle,
        }),
        tree: None,
        acyclic: &[],
        timeline: false,
        yaml: true,
        search: Some(Search { describes: true }),
        cited: Cited {
            title: "Roles",
            count: false,
        },
        own_backlinks: &[
            (Kind::People, "role"),
        ],
    },
    Decisions => {
        folder: "decisions",
        noun: "decision",
        plural: "decisions",
        label: "Decisions",
        title_field: "title",
        fields: DECISIONS,
        template: "decision.html",
        class: "decision",
        index: Some(Index {
            template: "decisions_index.html",
            title: "Decisions",
            view: View::Newest,
        }),
        tree: None,
        acyclic: &["supersedes"],
        timeline: true,
        yaml: true,
        search: Some(Search { describes: false }),
        cited: Cited {
            title: "Decisions",
            count: false,
        },
        own_backlinks: &[
            (Kind::Decisions, "supersedes"),
        ],
    },
    Feedback => {
        folder: "feedback",
        noun: "feedback",
        plural: "feedback",
        label: "Feedback",
        title_field: "title",
        fields: FEEDBACK,
        template: "feedback.html",
        class: "feedback",
        index: Some(Index {
            template: "feedback_index.html",
            title: "Feedback",
            view: View::Newest,
        }),
        tree: None,
        acyclic: &[],
        timeline: false,
        yaml: true,
        search: Some(Search { describes: false }),
        cited: Cited {
            title: "Customer feedback",
            count: true,
        },
        own_backlinks: &[],
    },
    Pages => {
        folder: "pages",
        noun: "page",
        plural: "pages",
        label: "Pages",
        title_field: "title",
        fields: PAGES,
        template: "page.html",
        class: "page",
        index: Some(Index {
            template: "pages_index.html",
            title: "Pages",
            view: View::Tree,
        }),
        tree: Some(Tree {
            parent: Parent::Path,
            node: "page",
            children: "children",
        }),
        acyclic: &[],
        timeline: false,
        yaml: false,
        search: Some(Search { describes: false }),
        cited: Cited {
            title: "Pages",
            count: false,
        },
        own_backlinks: &[],
    },
}

impl Row {
    /// Whether ids are paths under the folder (`guides/setup`), whose
    /// folders make the tree.
    pub fn nested(&self) -> bool {
        matches!(
            self.tree,
            Some(Tree {
                parent: Parent::Path,
                ..
            })
        )
    }
}

impl Kind {
    /// The kinds that live in folders, one file per entity: all but the
    /// vision.
    pub const FOLDERS: [Kind; ROWS.len() - 1] = {
        let mut folders = [Kind::Vision; ROWS.len() - 1];
        let mut i = 0;
        while i < folders.len() {
            folders[i] = Kind::ALL[i + 1];
            i += 1;
        }
        folders
    };

    pub fn row(self) -> &'static Row {
        &ROWS[self as usize]
    }

    pub fn folder(self) -> &'static str {
        self.row().folder
    }

    pub fn noun(self) -> &'static str {
        self.row().noun
    }

    pub fn plural(self) -> &'static str {
        self.row().plural
    }

    pub fn fields(self) -> &'static [Field] {
        self.row().fields
    }

    pub fn title_field(self) -> &'static str {
        self.row().title_field
    }

    pub fn from_folder(name: &str) -> Option<Kind> {
        Kind::FOLDERS.into_iter().find(|k| k.folder() == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_in_kind_order_and_name_real_fields() {
        for (i, kind) in Kind::ALL.into_iter().enumerate() {
            let row = kind.row();
            assert_eq!(kind as usize, i, "`row` indexes the rows by variant");
            let declared = |name: &str| row.fields.iter().any(|f| f.name == name);
            assert!(declared(row.title_field), "{kind:?}");
            for field in row.acyclic {
                assert!(declared(field), "{kind:?}.{field}");
            }
            if let Some(Tree {
                parent: Parent::Field(field),
                ..
            }) = row.tree
            {
                assert!(row.acyclic.contains(&field), "{kind:?}.{field}");
            }
        }
        assert_eq!(Kind::ALL[1..], Kind::FOLDERS);
    }

    /// A page lists the back-links it does not show its own way by the
    /// referring kind, under that kind's title and with its folder as the
    /// section's id: no kind may refer to it there through two fields.
    #[test]
    fn own_back_links_are_real_and_the_others_one_per_kind() {
        for kind in Kind::ALL {
            let referrers = super::super::referrers(kind);
            let own = kind.row().own_backlinks;
            for claimed in own {
                assert!(referrers.contains(claimed), "{kind:?} shows {claimed:?}");
            }
            let mut cited: Vec<Kind> = referrers
                .iter()
                .filter(|r| !own.contains(r))
                .map(|(k, _)| *k)
                .collect();
            let all = cited.len();
            cited.dedup();
            assert_eq!(cited.len(), all, "{kind:?} is cited twice by one kind");
        }
    }
}
