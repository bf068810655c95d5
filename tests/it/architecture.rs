//! The shape of `src/` that `lib.rs` describes, checked: each module uses only its own layer
//! and those below, never in a circle; only `load` and `save` touch the disk, only `prompt`
//! asks the user anything, clap's types stop at the command line, and merge is pure.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The modules of `src/` (top-level, with `render`'s renderers apart), and the code of each:
/// without comments and without its unit tests.
fn modules() -> BTreeMap<String, String> {
    let mut out: BTreeMap<String, String> = BTreeMap::new();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let rel = path.strip_prefix(&src).unwrap().with_extension("");
            let parts: Vec<String> = rel
                .iter()
                .map(|p| p.to_string_lossy().into_owned())
                .filter(|p| p != "mod")
                .collect();
            let name = match parts.as_slice() {
                [one] if one == "lib" || one == "main" => continue,
                [render, renderer, ..] if render == "render" => format!("render::{renderer}"),
                [first, ..] => first.clone(),
                [] => continue,
            };
            let text = std::fs::read_to_string(&path).unwrap();
            let code = text.split("#[cfg(test)]").next().unwrap_or("");
            let code: String = code
                .lines()
                .map(|l| l.split("//").next().unwrap_or(""))
                .collect::<Vec<_>>()
                .join("\n");
            out.entry(name).or_default().push_str(&code);
        }
    }
    out
}

/// Which modules each module uses (`crate::x`, `crate::render::x`, `use crate::{x, y}`).
fn uses(modules: &BTreeMap<String, String>) -> BTreeMap<String, BTreeSet<String>> {
    let mut graph = BTreeMap::new();
    for (name, code) in modules {
        let mut used = BTreeSet::new();
        for (i, _) in code.match_indices("crate::") {
            let rest = &code[i + "crate::".len()..];
            let first: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            let target = match rest[first.len()..].strip_prefix("::") {
                Some(after) if first == "render" => {
                    let second: String = after
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    match modules.contains_key(&format!("render::{second}")) {
                        true => format!("render::{second}"),
                        false => first,
                    }
                }
                _ => first,
            };
            if !target.is_empty() && modules.contains_key(&target) && &target != name {
                used.insert(target);
            }
        }
        graph.insert(name.clone(), used);
    }
    graph
}

#[test]
fn modules_never_use_each_other_in_a_circle() {
    let graph = uses(&modules());
    fn visit<'a>(
        node: &'a str,
        graph: &'a BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
    ) {
        if let Some(at) = path.iter().position(|n| *n == node) {
            panic!(
                "modules use each other in a circle: {}",
                path[at..].join(" -> ") + " -> " + node
            );
        }
        if !done.insert(node) {
            return;
        }
        path.push(node);
        for next in &graph[node] {
            visit(next, graph, path, done);
        }
        path.pop();
    }
    let mut done = BTreeSet::new();
    for node in graph.keys() {
        visit(node, &graph, &mut Vec::new(), &mut done);
    }
    assert!(
        graph["load"].contains("project"),
        "the check sees uses: {graph:?}"
    );
}

#[test]
fn each_kind_of_outside_world_has_one_door() {
    let modules = modules();
    let only = |needle: &str, allowed: &[&str]| {
        let users: Vec<&String> = modules
            .iter()
            .filter(|(_, code)| code.contains(needle))
            .map(|(name, _)| name)
            .filter(|name| !allowed.contains(&name.as_str()))
            .collect();
        assert!(
            users.is_empty(),
            "{needle} is used by {users:?}, not only by {allowed:?}"
        );
    };
    only("std::fs", &["load", "save"]);
    only("dialoguer", &["prompt"]);
    only("clap", &["cli", "commands"]);
    // Merge is pure: no files, no terminal, no clock.
    for needle in ["std::io", "println", "SystemTime", "std::env"] {
        assert!(!modules["merge"].contains(needle), "merge uses {needle}");
    }
}

/// The layers of `lib.rs`, bottom first.
const LAYERS: &[(&str, &[&str])] = &[
    ("leaves", &["markdown", "text", "labels", "collate", "diag"]),
    (
        "foundations",
        &[
            "error",
            "source",
            "questionnaire",
            "config",
            "input_file",
            "draft",
            "answer",
            "limits",
        ],
    ),
    ("model", &["project", "input_edit"]),
    (
        "work",
        &[
            "merge",
            "submission",
            "render",
            "render::markdown",
            "render::docx",
            "render::text",
            "import",
            "check",
            "signoff",
        ],
    ),
    ("edges", &["load", "save", "prompt", "session"]),
    ("command line", &["cli", "commands", "fuzzing"]),
];

#[test]
fn modules_use_only_their_own_layer_and_those_below() {
    let graph = uses(&modules());
    let layer_of = |module: &str| {
        LAYERS
            .iter()
            .position(|(_, members)| members.contains(&module))
            .unwrap_or_else(|| panic!("`{module}` is in no layer: add it to LAYERS and lib.rs"))
    };
    for (module, used) in &graph {
        for other in used {
            assert!(
                layer_of(other) <= layer_of(module),
                "{module} ({}) uses {other} ({}), a layer above it",
                LAYERS[layer_of(module)].0,
                LAYERS[layer_of(other)].0
            );
        }
    }
    // Leaves use nothing else of jointly, not even each other.
    for leaf in LAYERS[0].1 {
        assert!(graph[*leaf].is_empty(), "{leaf} uses {:?}", graph[*leaf]);
    }
}
