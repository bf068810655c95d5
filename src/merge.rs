//! Merging contributions into the joint draft. Pure: no files, no terminal, no clock.
//!
//! The rules, per slot (a question's text, one action line, or a closing text):
//! - identical contributions (after `text::normalize`) become one part
//!   listing every contributor;
//! - a part the lead edited keeps its text; if its contribution changed meanwhile, the new
//!   version is added right after it as a `conflict` part, so both texts are kept;
//! - a part nobody edited follows its contribution: updated in place when it changes, dropped
//!   when the organisation withdraws it;
//! - parts without a `source` are the lead's own and are never touched;
//! - new contributions are added after the existing parts, in merge order.
//!
//! Contributions are sorted by merge rank before anything else happens, so the result does
//! not depend on the order input files were listed in.

use std::collections::{BTreeMap, BTreeSet};

use std::collections::{HashMap, HashSet};

use crate::draft::{Draft, Part, Slot, SlotKey};
use crate::project::Project;
use crate::text::source_hash;

/// One organisation's text for one slot, borrowed from the loaded project (a large
/// coalition's answers are megabytes: merge copies only the texts that become parts).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Contribution<'a> {
    /// The organisation's key (short name or name), as parts record it in `from`.
    pub org: &'a str,
    /// Its place in the merge order (lower first).
    pub rank: usize,
    /// The Markdown text.
    pub text: &'a str,
}

/// Every contribution of every organisation, by slot.
pub type Contributions<'a> = BTreeMap<SlotKey, Vec<Contribution<'a>>>;

/// Every organisation's answers in `project`, as merge takes them.
pub fn contributions(project: &Project) -> Contributions<'_> {
    let mut by_slot = Contributions::new();
    for (rank, org) in project.orgs.iter().enumerate() {
        for (qid, answer) in &org.answers {
            let texts = std::iter::once((Slot::Text, answer.text.as_ref()))
                .chain(
                    answer
                        .lines
                        .iter()
                        .map(|(code, t)| (Slot::Line(code.clone()), Some(t))),
                )
                .chain(std::iter::once((Slot::Closing, answer.closing.as_ref())));
            for (slot, text) in texts {
                if let Some(text) = text {
                    by_slot
                        .entry(SlotKey::new(qid, slot))
                        .or_default()
                        .push(Contribution {
                            org: org.key(),
                            rank,
                            text,
                        });
                }
            }
        }
    }
    by_slot
}

/// Something merge did that the lead should hear about. `slot` is where; the names are
/// organisations (short names or names).
#[derive(Debug, Clone, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum Event {
    /// A new part.
    Added { slot: SlotKey, from: Vec<String> },
    /// Organisations whose identical text joined an existing part.
    Joined { slot: SlotKey, orgs: Vec<String> },
    /// An unedited part took the new version of its contribution.
    Updated { slot: SlotKey, from: Vec<String> },
    /// A contribution changed after the lead edited its part: both texts kept.
    Conflict { slot: SlotKey, orgs: Vec<String> },
    /// An organisation no longer contributes to an unedited part; it left the part (and the
    /// part went when nobody was left).
    Withdrawn { slot: SlotKey, org: String },
    /// An organisation no longer contributes to a part the lead edited; the part is kept.
    WithdrawnFromEdited { slot: SlotKey, org: String },
}

impl Event {
    /// True for events the lead must act on.
    pub fn needs_attention(&self) -> bool {
        matches!(
            self,
            Event::Conflict { .. } | Event::WithdrawnFromEdited { .. }
        )
    }
}

/// What [`merge`] returns.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    /// The new draft.
    pub draft: Draft,
    /// What changed, in slot order.
    pub events: Vec<Event>,
}

/// Merges the current contributions into the previous draft (empty for a first merge).
pub fn merge(contributions: &Contributions, previous: &Draft) -> Outcome {
    let keys: BTreeSet<&SlotKey> = contributions.keys().chain(previous.slots.keys()).collect();
    let mut outcome = Outcome::default();
    for key in keys {
        let mut sorted: Vec<&Contribution> = contributions.get(key).into_iter().flatten().collect();
        sorted.sort_by(|a, b| (a.rank, a.org, a.text).cmp(&(b.rank, b.org, b.text)));
        sorted.dedup_by(|a, b| a.org == b.org);
        let parts = previous.slots.get(key).map_or(&[][..], Vec::as_slice);
        let merged = merge_slot(key, &sorted, parts, &mut outcome.events);
        if !merged.is_empty() {
            outcome.draft.slots.insert(key.clone(), merged);
        }
    }
    outcome
}

fn merge_slot(
    key: &SlotKey,
    contributions: &[&Contribution],
    previous: &[Part],
    log: &mut Vec<Event>,
) -> Vec<Part> {
    // The fingerprint of each organisation's current text, and the text for each fingerprint
    // (the first contributor's, in merge order).
    let hashes: Vec<String> = contributions.iter().map(|c| source_hash(c.text)).collect();
    let index: HashMap<&str, usize> = contributions
        .iter()
        .enumerate()
        .map(|(i, c)| (c.org, i))
        .collect();
    let current = |org: &str| index.get(org).map(|&i| hashes[i].as_str());
    let mut text_of: HashMap<&str, &str> = HashMap::new();
    for (c, h) in contributions.iter().zip(&hashes) {
        text_of.entry(h).or_insert(c.text);
    }
    let is_current = |org: &str, source: Option<&str>| source.is_some() && current(org) == source;

    // Organisations whose current text some part already holds.
    let mut placed: HashSet<&str> = HashSet::new();
    for part in previous {
        for org in &part.from {
            if is_current(org, part.source.as_deref()) {
                placed.insert(org);
            }
        }
    }

    let mut result: Vec<Part> = Vec::new();
    for old in previous {
        let Some(source) = old.source.as_deref() else {
            result.push(old.clone());
            continue;
        };
        let (mut stay, mut changed, mut gone) = (Vec::new(), Vec::new(), Vec::new());
        for org in &old.from {
            let org = org.as_str();
            match current(org) {
                Some(h) if h == source => stay.push(org),
                // Its current text is held by another part already: it just leaves this one.
                Some(_) if placed.contains(org) => {}
                Some(h) => changed.push((org, h)),
                None => gone.push(org),
            }
        }
        let mut part = old.clone();
        if !old.is_edited() {
            for org in &gone {
                log.push(Event::Withdrawn {
                    slot: key.clone(),
                    org: org.to_string(),
                });
            }
            if stay.is_empty() {
                // Update in place, keeping the part's position and flags.
                let Some(&(_, h)) = changed.first() else {
                    continue;
                };
                let from: Vec<&str> = changed
                    .iter()
                    .filter(|(_, x)| *x == h)
                    .map(|(o, _)| *o)
                    .collect();
                part.text = text_of[h].to_string();
                part.source = Some(h.to_string());
                part.from = owned(&from);
                placed.extend(&from);
                log.push(Event::Updated {
                    slot: key.clone(),
                    from: owned(&from),
                });
            } else {
                part.from = owned(&stay);
            }
            result.push(part);
            continue;
        }
        // The lead edited this part.
        for org in &gone {
            log.push(Event::WithdrawnFromEdited {
                slot: key.clone(),
                org: org.to_string(),
            });
        }
        if changed.is_empty() {
            result.push(part);
            continue;
        }
        // New versions by fingerprint, in fingerprint order.
        let mut by_hash: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for &(org, h) in &changed {
            by_hash.entry(h).or_default().push(org);
        }
        let mut conflict_parts = Vec::new();
        if stay.is_empty() && by_hash.len() == 1 {
            // Every contributor moved to the same new text: the part now tracks that version.
            let (&h, _) = by_hash.iter().next().expect("one entry");
            part.source = Some(h.to_string());
            if source_hash(&part.text) == h {
                // The organisation adopted the lead's edit: nothing to reconcile.
                placed.extend(changed.iter().map(|(o, _)| *o));
                result.push(part);
                continue;
            }
        } else {
            part.from = stay.iter().chain(&gone).map(|o| o.to_string()).collect();
        }
        for (h, orgs) in by_hash {
            placed.extend(&orgs);
            log.push(Event::Conflict {
                slot: key.clone(),
                orgs: owned(&orgs),
            });
            conflict_parts.push(Part {
                conflict: true,
                ..new_part(owned(&orgs), h.to_string(), text_of[h])
            });
        }
        result.push(part);
        result.extend(conflict_parts);
    }

    // Contributions no part holds yet, grouped by identical text, in merge order.
    let mut groups: Vec<(&str, Vec<&str>)> = Vec::new();
    let mut group_of: HashMap<&str, usize> = HashMap::new();
    for c in contributions {
        if placed.contains(c.org) {
            continue;
        }
        let h = current(c.org).expect("every contribution has a fingerprint");
        match group_of.get(h) {
            Some(&g) => groups[g].1.push(c.org),
            None => {
                group_of.insert(h, groups.len());
                groups.push((h, vec![c.org]));
            }
        }
    }
    // Parts identical contributions can join: unedited, not conflicts, by source.
    let mut joinable: HashMap<String, usize> = HashMap::new();
    for (i, part) in result.iter().enumerate() {
        if let Some(source) = &part.source
            && !part.conflict
            && !part.is_edited()
        {
            joinable.entry(source.clone()).or_insert(i);
        }
    }
    for (h, orgs) in groups {
        match joinable.get(h).map(|&i| &mut result[i]) {
            Some(part) => {
                part.from.extend(orgs.iter().map(|o| o.to_string()));
                log.push(Event::Joined {
                    slot: key.clone(),
                    orgs: owned(&orgs),
                });
            }
            None => {
                log.push(Event::Added {
                    slot: key.clone(),
                    from: owned(&orgs),
                });
                result.push(new_part(owned(&orgs), h.to_string(), text_of[h]));
            }
        }
    }
    let rank_of = |org: &str| {
        index
            .get(org)
            .map_or(usize::MAX, |&i| contributions[i].rank)
    };
    for part in &mut result {
        if part.from.len() > 1 {
            part.from
                .sort_by(|a, b| (rank_of(a), a).cmp(&(rank_of(b), b)));
            part.from.dedup();
        }
    }
    result
}

/// Organisation names, owned (as parts and events keep them).
fn owned(orgs: &[&str]) -> Vec<String> {
    orgs.iter().map(|o| o.to_string()).collect()
}

/// A part made from a contribution: included, no conflict.
fn new_part(from: Vec<String>, source: String, text: &str) -> Part {
    Part {
        from,
        source: Some(source),
        text: text.to_string(),
        include: true,
        conflict: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> SlotKey {
        SlotKey::new("q1", Slot::Text)
    }

    fn contributions<'a>(list: &[(&'a str, usize, &'a str)]) -> Contributions<'a> {
        let mut c = Contributions::new();
        c.insert(
            key(),
            list.iter()
                .map(|&(org, rank, text)| Contribution { org, rank, text })
                .collect(),
        );
        c
    }

    fn texts(d: &Draft) -> Vec<(Vec<String>, String, bool)> {
        d.parts("q1", Slot::Text)
            .iter()
            .map(|p| (p.from.clone(), p.text.clone(), p.conflict))
            .collect()
    }

    #[test]
    fn identical_contributions_collapse_and_order_does_not_matter() {
        let a = contributions(&[
            ("B", 1, "Same  text.\n"),
            ("A", 0, "Own text."),
            ("C", 2, "Same text."),
        ]);
        let b = contributions(&[
            ("C", 2, "Same text."),
            ("B", 1, "Same  text.\n"),
            ("A", 0, "Own text."),
        ]);
        let (da, db) = (merge(&a, &Draft::default()), merge(&b, &Draft::default()));
        assert_eq!(da, db);
        let t = texts(&da.draft);
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].0, ["A"]);
        assert_eq!(t[1].0, ["B", "C"]);
    }

    #[test]
    fn merging_twice_changes_nothing() {
        let c = contributions(&[("A", 0, "One."), ("B", 1, "Two.")]);
        let first = merge(&c, &Draft::default());
        let second = merge(&c, &first.draft);
        assert_eq!(second.draft, first.draft);
        assert!(second.events.is_empty(), "{:?}", second.events);
    }

    #[test]
    fn unedited_part_follows_its_contribution_in_place() {
        let first = merge(
            &contributions(&[("A", 0, "One."), ("B", 1, "Two.")]),
            &Draft::default(),
        );
        let second = merge(
            &contributions(&[("A", 0, "One, revised."), ("B", 1, "Two.")]),
            &first.draft,
        );
        assert_eq!(texts(&second.draft)[0].1, "One, revised.");
        assert!(matches!(second.events[0], Event::Updated { .. }));
    }

    #[test]
    fn edited_part_is_kept_and_a_changed_source_is_a_conflict() {
        let mut draft = merge(
            &contributions(&[("A", 0, "One."), ("B", 1, "Two.")]),
            &Draft::default(),
        )
        .draft;
        draft.slots.get_mut(&key()).unwrap()[0].text = "One, as the lead put it.".into();
        // A late input arrives and nothing else changed: the edit survives.
        let late = merge(
            &contributions(&[("A", 0, "One."), ("B", 1, "Two."), ("C", 2, "Three.")]),
            &draft,
        );
        let t = texts(&late.draft);
        assert_eq!(t[0].1, "One, as the lead put it.");
        assert_eq!(t[2].1, "Three.");
        // A changes its text: both versions are kept, the new one flagged, next to the old.
        let changed = merge(
            &contributions(&[
                ("A", 0, "One, rewritten."),
                ("B", 1, "Two."),
                ("C", 2, "Three."),
            ]),
            &late.draft,
        );
        let t = texts(&changed.draft);
        assert_eq!(
            t[0],
            (vec!["A".into()], "One, as the lead put it.".into(), false)
        );
        assert_eq!(t[1], (vec!["A".into()], "One, rewritten.".into(), true));
        assert!(
            changed
                .events
                .iter()
                .any(|e| matches!(e, Event::Conflict { .. }))
        );
        // And that state is stable.
        let again = merge(
            &contributions(&[
                ("A", 0, "One, rewritten."),
                ("B", 1, "Two."),
                ("C", 2, "Three."),
            ]),
            &changed.draft,
        );
        assert_eq!(again.draft, changed.draft);
        assert!(again.events.is_empty());
    }

    #[test]
    fn withdrawn_contributions_leave_but_edited_text_stays() {
        let mut draft = merge(
            &contributions(&[("A", 0, "One."), ("B", 1, "Two.")]),
            &Draft::default(),
        )
        .draft;
        draft.slots.get_mut(&key()).unwrap()[1].text = "Two, edited.".into();
        let after = merge(&contributions(&[]), &draft);
        let t = texts(&after.draft);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].1, "Two, edited.");
        assert!(after.events.iter().any(|e| e.needs_attention()));
    }

    #[test]
    fn lead_parts_and_flags_survive() {
        let mut draft = merge(&contributions(&[("A", 0, "One.")]), &Draft::default()).draft;
        let parts = draft.slots.get_mut(&key()).unwrap();
        parts[0].include = false;
        parts.insert(
            0,
            Part {
                from: vec!["Lead".into()],
                source: None,
                text: "Intro.".into(),
                include: true,
                conflict: false,
            },
        );
        let after = merge(&contributions(&[("A", 0, "One, new.")]), &draft);
        let parts = after.draft.parts("q1", Slot::Text);
        assert_eq!(parts[0].text, "Intro.");
        assert_eq!(parts[1].text, "One, new.");
        assert!(!parts[1].include);
    }
}
