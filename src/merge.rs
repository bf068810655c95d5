//! Merging contributions into the joint draft. Pure: no files, no terminal, no clock.
//!
//! A part records which version of each organisation's contribution it holds, by input file,
//! so that an organisation can change its name without losing any decision of the lead. The
//! rules, per slot (a question's text, one action line, or a closing text):
//! - identical contributions (after `text::normalize`) become one part listing every
//!   contributor;
//! - a part the lead edited (even in spacing alone) keeps its text; if a contribution changes
//!   meanwhile, the new version is added right after it as a `conflict` part, and the edited
//!   part records that it has seen that version: once the lead folds it in and deletes the
//!   conflict part, it stays deleted;
//! - a part nobody edited follows its contribution: updated in place when it changes, dropped
//!   when the organisation withdraws it;
//! - parts without `inputs` are the lead's own and are never touched;
//! - new contributions are added after the existing parts, in merge order.
//!
//! Contributions are sorted by merge rank before anything else happens, so the result does
//! not depend on the order input files were listed in.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use crate::draft::{Draft, InputVersion, Part, Slot, SlotKey};
use crate::project::Project;
use crate::text::{content_hash, exact_hash};

/// Every organisation's texts, as merge takes them, borrowed from the loaded project (a large
/// coalition's answers are megabytes: merge copies only the texts that become parts).
#[derive(Debug, Clone, Default)]
pub struct Contributions<'a> {
    /// Every organisation, by input file name.
    pub orgs: HashMap<&'a str, Contributor<'a>>,
    /// Every text, by slot.
    pub slots: BTreeMap<SlotKey, Vec<Contribution<'a>>>,
}

/// An organisation, as merge needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Contributor<'a> {
    /// The name parts credit it by in `from`: its short name, or its name.
    pub name: &'a str,
    /// Its place in the merge order (lower first).
    pub rank: usize,
}

/// One organisation's text for one slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Contribution<'a> {
    /// The organisation's input file name (`apc.toml`).
    pub input: &'a str,
    /// The Markdown text.
    pub text: &'a str,
}

impl<'a> Contributions<'a> {
    /// Adds an organisation; `texts` are its slots and texts.
    pub fn add(
        &mut self,
        input: &'a str,
        contributor: Contributor<'a>,
        texts: impl IntoIterator<Item = (SlotKey, &'a str)>,
    ) {
        self.orgs.insert(input, contributor);
        for (slot, text) in texts {
            self.slots
                .entry(slot)
                .or_default()
                .push(Contribution { input, text });
        }
    }

    fn rank(&self, input: &str) -> usize {
        self.orgs.get(input).map_or(usize::MAX, |c| c.rank)
    }
}

/// Every organisation's answers in `project`, as merge takes them.
pub fn contributions(project: &Project) -> Contributions<'_> {
    let mut all = Contributions::default();
    for (rank, org) in project.orgs.iter().enumerate() {
        let texts = org.answers.iter().flat_map(|(qid, answer)| {
            let key = |slot| SlotKey::new(qid, slot);
            (answer
                .text
                .iter()
                .map(move |t| (key(Slot::Text), t.as_str())))
            .chain(
                (answer.lines.iter())
                    .map(move |(code, t)| (key(Slot::Line(code.clone())), t.as_str())),
            )
            .chain(
                answer
                    .closing
                    .iter()
                    .map(move |t| (key(Slot::Closing), t.as_str())),
            )
            .chain((answer.choice.iter()).map(move |t| (key(Slot::Choice), t.as_str())))
        });
        let contributor = Contributor {
            name: org.key(),
            rank,
        };
        all.add(&org.file_name, contributor, texts);
    }
    all
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
    let keys: BTreeSet<&SlotKey> = (contributions.slots.keys())
        .chain(previous.slots.keys())
        .collect();
    let mut outcome = Outcome::default();
    for key in keys {
        let mut sorted: Vec<&Contribution> =
            contributions.slots.get(key).into_iter().flatten().collect();
        sorted.sort_by_key(|c| (contributions.rank(c.input), c.input, c.text));
        sorted.dedup_by(|a, b| a.input == b.input);
        let parts = previous.slots.get(key).map_or(&[][..], Vec::as_slice);
        let slot = SlotMerge {
            key,
            orgs: contributions,
            log: &mut outcome.events,
        };
        let merged = slot.merge(&sorted, parts);
        if !merged.is_empty() {
            outcome.draft.slots.insert(key.clone(), merged);
        }
    }
    outcome
}

/// The merge of one slot.
struct SlotMerge<'m, 'a> {
    key: &'m SlotKey,
    orgs: &'m Contributions<'a>,
    log: &'m mut Vec<Event>,
}

impl SlotMerge<'_, '_> {
    fn merge(self, contributions: &[&Contribution], previous: &[Part]) -> Vec<Part> {
        // The version of each organisation's current text, and the text of each version (the
        // first contributor's, in merge order).
        let current: HashMap<&str, String> = (contributions.iter())
            .map(|c| (c.input, content_hash(c.text)))
            .collect();
        let mut text_of: HashMap<&str, &str> = HashMap::new();
        for c in contributions {
            text_of.entry(current[c.input].as_str()).or_insert(c.text);
        }
        // Organisations whose current text some part already holds.
        let mut placed: HashSet<&str> = (previous.iter())
            .flat_map(|p| &p.inputs)
            .filter(|held| current.get(held.file.as_str()) == Some(&held.version))
            .map(|held| held.file.as_str())
            .collect();

        let mut result: Vec<Part> = Vec::new();
        for old in previous {
            if old.inputs.is_empty() && old.source.is_none() {
                result.push(old.clone());
                continue;
            }
            // Each input the part holds: still at that version, changed (and whether another
            // part already shows the new version), or no longer sent.
            let mut kept: Vec<InputVersion> = Vec::new();
            let (mut changed, mut gone) = (Vec::new(), Vec::new());
            for held in &old.inputs {
                match current.get(held.file.as_str()) {
                    Some(h) if *h == held.version => kept.push(held.clone()),
                    Some(h) => {
                        let shown = placed.contains(held.file.as_str());
                        changed.push((held.file.as_str(), h.as_str(), shown));
                    }
                    None => gone.push(held),
                }
            }
            let mut part = old.clone();
            if !old.is_edited() {
                for held in &gone {
                    let org = self.name(&held.file, old);
                    self.log.push(Event::Withdrawn {
                        slot: self.key.clone(),
                        org,
                    });
                }
                // An input whose new version another part shows just leaves this one.
                changed.retain(|&(_, _, shown)| !shown);
                if kept.is_empty() {
                    // Update in place, keeping the part's position and flags.
                    let Some(&(_, h, _)) = changed.first() else {
                        continue;
                    };
                    let files: Vec<&str> = (changed.iter())
                        .filter(|(_, x, _)| *x == h)
                        .map(|(f, _, _)| *f)
                        .collect();
                    part.text = text_of[h].to_string();
                    part.source = Some(exact_hash(&part.text));
                    part.inputs = holding(&files, h);
                    placed.extend(&files);
                    let (slot, orgs) = (self.key.clone(), self.names(&files));
                    // A conflict part taking a newer version is still a conflict to resolve.
                    self.log.push(if part.conflict {
                        Event::Conflict { slot, orgs }
                    } else {
                        Event::Updated { slot, from: orgs }
                    });
                } else {
                    part.inputs = kept;
                }
                result.push(self.credited(part, old));
                continue;
            }
            // The lead edited this part: it keeps its text and everyone's credit, and records
            // every new version as seen, so a conflict part the lead deleted stays deleted.
            for held in &gone {
                let org = self.name(&held.file, old);
                self.log.push(Event::WithdrawnFromEdited {
                    slot: self.key.clone(),
                    org,
                });
            }
            let stayed = !kept.is_empty();
            kept.extend(gone.into_iter().cloned());
            kept.extend(changed.iter().map(|&(f, h, _)| InputVersion {
                file: f.to_string(),
                version: h.to_string(),
            }));
            part.inputs = kept;
            // New versions no part shows yet, in version order.
            let mut by_version: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
            for &(file, h, shown) in &changed {
                if !shown {
                    by_version.entry(h).or_default().push(file);
                }
            }
            placed.extend(changed.iter().map(|(f, _, _)| *f));
            let versions: BTreeSet<&str> = changed.iter().map(|(_, h, _)| *h).collect();
            if let [h] = versions.into_iter().collect::<Vec<_>>()[..]
                && !stayed
                && content_hash(&part.text) == h
            {
                // The organisations adopted the lead's edit: nothing to reconcile, and the part
                // follows them again if the text is theirs to the letter.
                part.source = Some(exact_hash(text_of[h]));
                result.push(self.credited(part, old));
                continue;
            }
            let mut conflict_parts = Vec::new();
            for (h, files) in by_version {
                self.log.push(Event::Conflict {
                    slot: self.key.clone(),
                    orgs: self.names(&files),
                });
                let new = Part {
                    conflict: true,
                    ..new_part(holding(&files, h), text_of[h])
                };
                conflict_parts.push(self.credited(new, old));
            }
            result.push(self.credited(part, old));
            result.extend(conflict_parts);
        }

        // Contributions no part holds yet, grouped by identical text, in merge order.
        let mut groups: Vec<(&str, Vec<&str>)> = Vec::new();
        let mut group_of: HashMap<&str, usize> = HashMap::new();
        for c in contributions {
            if placed.contains(c.input) {
                continue;
            }
            let h = current[c.input].as_str();
            match group_of.get(h) {
                Some(&g) => groups[g].1.push(c.input),
                None => {
                    group_of.insert(h, groups.len());
                    groups.push((h, vec![c.input]));
                }
            }
        }
        // Parts identical contributions can join: made from inputs, unedited, included, not
        // conflicts (the lead's exclusion of one organisation's text is not a decision about
        // another's).
        let mut joinable: HashMap<String, usize> = HashMap::new();
        for (i, part) in result.iter().enumerate() {
            if !part.inputs.is_empty() && part.include && !part.conflict && !part.is_edited() {
                joinable.entry(content_hash(&part.text)).or_insert(i);
            }
        }
        for (h, files) in groups {
            match joinable.get(h) {
                Some(&i) => {
                    let mut part = result[i].clone();
                    part.inputs.extend(holding(&files, h));
                    result[i] = self.credited(part, &result[i]);
                    self.log.push(Event::Joined {
                        slot: self.key.clone(),
                        orgs: self.names(&files),
                    });
                }
                None => {
                    self.log.push(Event::Added {
                        slot: self.key.clone(),
                        from: self.names(&files),
                    });
                    let new = new_part(holding(&files, h), text_of[h]);
                    result.push(self.credited(new.clone(), &new));
                }
            }
        }
        result
    }

    /// The part with its inputs in merge order and `from` naming them as they are called now.
    /// `old` is the part as the draft had it, for the name of an input file that is gone.
    fn credited(&self, mut part: Part, old: &Part) -> Part {
        part.inputs
            .sort_by_key(|held| (self.orgs.rank(&held.file), held.file.clone()));
        part.inputs.dedup_by(|a, b| a.file == b.file);
        part.from = (part.inputs.iter())
            .map(|held| self.name(&held.file, old))
            .collect();
        part
    }

    /// What `file`'s organisation is called: its name now, or, for an input file that is
    /// gone, what `old` called it.
    fn name(&self, file: &str, old: &Part) -> String {
        if let Some(c) = self.orgs.orgs.get(file) {
            return c.name.to_string();
        }
        let aligned = old.from.len() == old.inputs.len();
        (old.inputs.iter().position(|held| held.file == file))
            .filter(|_| aligned)
            .map_or_else(|| file.to_string(), |i| old.from[i].clone())
    }

    /// The names of organisations that contribute now.
    fn names(&self, files: &[&str]) -> Vec<String> {
        (files.iter())
            .map(|f| self.orgs.orgs.get(f).map_or(*f, |c| c.name).to_string())
            .collect()
    }
}

/// Input files holding version `h`.
fn holding(files: &[&str], h: &str) -> Vec<InputVersion> {
    (files.iter())
        .map(|f| InputVersion {
            file: f.to_string(),
            version: h.to_string(),
        })
        .collect()
}

/// A part made from a contribution: included, no conflict.
fn new_part(inputs: Vec<InputVersion>, text: &str) -> Part {
    Part {
        from: Vec::new(),
        inputs,
        source: Some(exact_hash(text)),
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

    /// Organisation `name` writes `text` in its input file `name.toml`.
    fn contributions(list: &[(&'static str, usize, &'static str)]) -> Contributions<'static> {
        renamed(list, &[])
    }

    /// The same, with some organisations renamed (their input file keeps its name).
    fn renamed(
        list: &[(&'static str, usize, &'static str)],
        names: &[(&'static str, &'static str)],
    ) -> Contributions<'static> {
        let mut c = Contributions::default();
        for &(org, rank, text) in list {
            let file: &'static str = format!("{org}.toml").leak();
            let name = names
                .iter()
                .find(|(o, _)| *o == org)
                .map_or(org, |(_, n)| n);
            c.add(file, Contributor { name, rank }, [(key(), text)]);
        }
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
                inputs: Vec::new(),
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

    #[test]
    fn a_resolved_conflict_stays_resolved_and_keeps_the_credit() {
        let both = [("A", 0, "Shared."), ("B", 1, "Shared.")];
        let mut draft = merge(&contributions(&both), &Draft::default()).draft;
        draft.slots.get_mut(&key()).unwrap()[0].text = "Shared, edited.".into();
        let changed = [("A", 0, "Shared, with A's change."), ("B", 1, "Shared.")];
        let mut after = merge(&contributions(&changed), &draft).draft;
        let t = texts(&after);
        assert_eq!(t[0].0, ["A", "B"], "the edited part keeps A's credit");
        assert_eq!(
            t[1],
            (vec!["A".into()], "Shared, with A's change.".into(), true)
        );
        // The lead folds the change in and deletes the conflict part, as README says.
        let parts = after.slots.get_mut(&key()).unwrap();
        parts[0].text = "Shared, edited, with A's change.".into();
        parts.remove(1);
        let again = merge(&contributions(&changed), &after);
        assert_eq!(again.draft, after);
        assert!(again.events.is_empty(), "{:?}", again.events);
    }

    #[test]
    fn an_edit_of_spacing_alone_is_an_edit() {
        let mut draft = merge(&contributions(&[("A", 0, "One.\nTwo.")]), &Draft::default()).draft;
        // A hard line break: two spaces at the end of a line.
        draft.slots.get_mut(&key()).unwrap()[0].text = "One.  \nTwo.".into();
        assert!(draft.parts("q1", Slot::Text)[0].is_edited());
        let after = merge(&contributions(&[("A", 0, "One.\nTwo, revised.")]), &draft);
        let t = texts(&after.draft);
        assert_eq!(t[0].1, "One.  \nTwo.");
        assert_eq!(t[1], (vec!["A".into()], "One.\nTwo, revised.".into(), true));
    }

    #[test]
    fn renaming_an_organisation_keeps_every_decision() {
        let list = [("A", 0, "One."), ("B", 1, "Two.")];
        let mut draft = merge(&contributions(&list), &Draft::default()).draft;
        let parts = draft.slots.get_mut(&key()).unwrap();
        parts[0].include = false;
        parts.swap(0, 1);
        let after = merge(&renamed(&list, &[("A", "Alpha")]), &draft);
        let parts = after.draft.parts("q1", Slot::Text);
        assert_eq!(parts[0].from, ["B"]);
        assert_eq!(parts[1].from, ["Alpha"]);
        assert!(!parts[1].include, "the exclusion stays");
        assert!(after.events.is_empty(), "{:?}", after.events);
    }

    #[test]
    fn a_conflict_part_moved_above_its_edited_part_still_resolves() {
        let mut draft = merge(&contributions(&[("A", 0, "V1.")]), &Draft::default()).draft;
        draft.slots.get_mut(&key()).unwrap()[0].text = "V1, edited.".into();
        let mut draft = merge(&contributions(&[("A", 0, "V2.")]), &draft).draft;
        // The lead moves the conflict part first; then A changes again.
        draft.slots.get_mut(&key()).unwrap().swap(0, 1);
        let after = merge(&contributions(&[("A", 0, "V3.")]), &draft);
        assert!(
            after
                .events
                .iter()
                .any(|e| matches!(e, Event::Conflict { .. }))
        );
        let t = texts(&after.draft);
        assert_eq!(t[0], (vec!["A".into()], "V3.".into(), true));
        assert_eq!(t[1], (vec!["A".into()], "V1, edited.".into(), false));
        // The lead folds V3 in and deletes the conflict part: it stays deleted.
        let mut resolved = after.draft.clone();
        let parts = resolved.slots.get_mut(&key()).unwrap();
        parts.remove(0);
        parts[0].text = "V1, edited, with V3.".into();
        let again = merge(&contributions(&[("A", 0, "V3.")]), &resolved);
        assert_eq!(again.draft, resolved);
        assert!(again.events.is_empty(), "{:?}", again.events);
    }

    #[test]
    fn an_edited_conflict_part_keeps_its_credit() {
        let mut draft = merge(&contributions(&[("A", 0, "V1.")]), &Draft::default()).draft;
        draft.slots.get_mut(&key()).unwrap()[0].text = "V1, edited.".into();
        let mut draft = merge(&contributions(&[("A", 0, "V2.")]), &draft).draft;
        draft.slots.get_mut(&key()).unwrap()[1].text = "V2, edited too.".into();
        let after = merge(&contributions(&[("A", 0, "V3.")]), &draft);
        for (from, text, _) in texts(&after.draft) {
            assert_eq!(from, ["A"], "{text}");
        }
        assert_eq!(texts(&after.draft).len(), 3, "V3 next to the edits");
    }

    #[test]
    fn adopting_the_leads_text_after_another_withdrew_is_no_conflict() {
        let both = [("A", 0, "Shared."), ("B", 1, "Shared.")];
        let mut draft = merge(&contributions(&both), &Draft::default()).draft;
        draft.slots.get_mut(&key()).unwrap()[0].text = "Shared, as the lead put it.".into();
        let after = merge(
            &contributions(&[("A", 0, "Shared, as the lead put it.")]),
            &draft,
        );
        assert_eq!(texts(&after.draft).len(), 1, "{:?}", after.draft);
        assert!(
            !after
                .events
                .iter()
                .any(|e| matches!(e, Event::Conflict { .. }))
        );
    }

    #[test]
    fn an_excluded_part_does_not_take_in_another_organisations_text() {
        let mut draft = merge(&contributions(&[("A", 0, "Same.")]), &Draft::default()).draft;
        draft.slots.get_mut(&key()).unwrap()[0].include = false;
        let after = merge(
            &contributions(&[("A", 0, "Same."), ("B", 1, "Same.")]),
            &draft,
        );
        let parts = after.draft.parts("q1", Slot::Text);
        assert_eq!(parts.len(), 2);
        assert!(!parts[0].include && parts[0].from == ["A"]);
        assert!(parts[1].include && parts[1].from == ["B"]);
    }
}
