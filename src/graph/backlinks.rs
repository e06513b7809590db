//! Who refers to whom: for every entity, the entities whose fields name
//! it, found in one pass over every reference.

use crate::model::{Entity, Kind, Link, Strategy};
use crate::schema;
use rustc_hash::FxHashMap;
use serde::Serialize;
use std::collections::BTreeMap;

/// Target (kind, id) → the references to it.
pub struct Backlinks(FxHashMap<(Kind, String), Vec<Reference>>);

/// A reference: the field it is written in, and the entity that holds it.
type Reference = (&'static str, Kind, String);

/// Each reference `entity` makes: the field, and the kind and id named.
fn references(entity: &Entity) -> impl Iterator<Item = (&'static str, Kind, &str)> {
    entity.kind.ref_fields().flat_map(|field| {
        let refs = entity
            .fields
            .get(field)
            .map(|v| v.refs())
            .unwrap_or_default();
        refs.into_iter().map(move |(kind, id, _)| (field, kind, id))
    })
}

/// An entity's back-links as templates see them: `{kind: {field: [links]}}`
/// for every field of any kind that can refer to its kind, empty or not.
#[derive(Debug, Default, Serialize)]
pub struct Referrers(pub BTreeMap<&'static str, BTreeMap<&'static str, Vec<Link>>>);

impl Backlinks {
    pub fn new(strategy: &Strategy) -> Backlinks {
        let mut map: FxHashMap<(Kind, String), Vec<Reference>> = FxHashMap::default();
        for entity in strategy.iter() {
            for (field, kind, id) in references(entity) {
                let list = map.entry((kind, id.to_string())).or_default();
                // An entity's references are visited together: repeats are adjacent.
                let repeat = list
                    .last()
                    .is_some_and(|(f, k, i)| *f == field && *k == entity.kind && *i == entity.id);
                if !repeat {
                    list.push((field, entity.kind, entity.id.clone()));
                }
            }
        }
        Backlinks(map)
    }

    /// Whether an entity as it was and as it is (`None`: not there) adds
    /// the same back-links: if so, an edit leaves them all as they were.
    pub fn same_from<'a>(was: Option<&'a Entity>, is: Option<&'a Entity>) -> bool {
        let of = |e: Option<&'a Entity>| e.into_iter().flat_map(references);
        of(was).eq(of(is))
    }

    /// The ids of the entities of `kind` whose `field` names `target`, in
    /// the order met: what a drawing needs, without making links.
    pub fn ids<'a>(
        &'a self,
        target: &Entity,
        kind: Kind,
        field: &'a str,
    ) -> impl Iterator<Item = &'a str> {
        self.0
            .get(&(target.kind, target.id.clone()))
            .into_iter()
            .flatten()
            .filter(move |(f, k, _)| *f == field && *k == kind)
            .map(|(_, _, id)| id.as_str())
    }

    /// Every back-link of `entity`, by referring kind and field, each list
    /// by title.
    pub fn of(&self, strategy: &Strategy, entity: &Entity) -> Referrers {
        let refs = self.to(entity);
        let mut out = Referrers::default();
        for &(kind, field) in schema::referrers(entity.kind) {
            let links = links(strategy, refs, kind, field);
            out.0.entry(kind.folder()).or_default().insert(field, links);
        }
        out
    }

    /// The back-links of `entity` from the `field` of entities of `kind`,
    /// by title: one list of `of`.
    pub fn links(
        &self,
        strategy: &Strategy,
        entity: &Entity,
        kind: Kind,
        field: &str,
    ) -> Vec<Link> {
        links(strategy, self.to(entity), kind, field)
    }

    fn to(&self, entity: &Entity) -> &[Reference] {
        self.0
            .get(&(entity.kind, entity.id.clone()))
            .map_or(&[][..], Vec::as_slice)
    }
}

/// The entities of `kind` among `refs` that refer in `field`, as links by
/// title.
fn links(strategy: &Strategy, refs: &[Reference], kind: Kind, field: &str) -> Vec<Link> {
    let mut links: Vec<Link> = refs
        .iter()
        .filter(|(f, k, _)| *f == field && *k == kind)
        .filter_map(|(_, k, id)| strategy.get(*k, id).map(Entity::link))
        .collect();
    links.sort_by(|a, b| a.title.cmp(&b.title).then_with(|| a.id.cmp(&b.id)));
    links
}
