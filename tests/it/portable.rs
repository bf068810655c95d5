//! Files as Windows and its programs write them, and file names every system can hold.

use crate::support::Project;

#[test]
fn an_input_saved_with_crlf_and_a_byte_order_mark_loads_and_keeps_its_endings() {
    let p = Project::example();
    // As Notepad saves it: a byte-order mark and CRLF line endings.
    let unix = p.read("inputs/adc.toml");
    let windows = format!("\u{feff}{}", unix.replace('\n', "\r\n"));
    p.write("inputs/adc.toml", &windows);
    p.run(&["check"]).success();
    p.write("answer.md", "A new answer,\nover two lines.\n");
    p.run(&["answer", "--org", "ADC", "q2", "--file", "answer.md"])
        .success();
    let saved = std::fs::read(p.file("inputs/adc.toml")).unwrap();
    let saved = String::from_utf8(saved).unwrap();
    assert!(saved.starts_with('\u{feff}'), "the byte-order mark is kept");
    let lone = saved
        .match_indices('\n')
        .filter(|(i, _)| !saved[..*i].ends_with('\r'))
        .count();
    assert_eq!(lone, 0, "every line ends with CRLF:\n{saved:?}");
    assert!(saved.contains("A new answer,\r\nover two lines."));
    // The rest of the file is as it was.
    assert!(saved.contains(&unix.lines().nth(3).unwrap().to_string()));
    p.run(&["check"]).success();
    p.run(&["build", "-o", "-"])
        .success()
        .stdout_has("A new answer,\nover two lines.");
}

#[test]
fn template_never_writes_a_name_windows_reserves_or_cannot_hold() {
    let p = Project::empty();
    p.run(&["init", "."]).success();
    p.run(&["template", "--org", "CON"]).success();
    p.run(&["template", "--org", "aux"]).success();
    let long = "Network for the Defence of Digital Rights in Rural Communities ".repeat(5);
    let long = long.trim();
    assert!(long.len() >= 300);
    p.run(&["template", "--org", long]).success();
    let mut names: Vec<String> = std::fs::read_dir(p.file("inputs"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names[0], "aux-org.toml");
    assert_eq!(names[1], "con-org.toml");
    assert!(
        names[2].len() <= 65 && names[2].starts_with("network-for-the-defence"),
        "{names:?}"
    );
    p.run(&["check"]).success();
}

#[test]
fn a_path_written_with_backslashes_is_pointed_out() {
    let p = Project::example_named("sr-privacy");
    let config = p
        .read("jointly.toml")
        .replace("\"texts/summary.md\"", "'texts\\summary.md'");
    p.write("jointly.toml", &config);
    let out = p.run(&["check"]).failure().stdout;
    assert!(
        out.contains("only Windows reads as a folder separator"),
        "{out}"
    );
    assert!(
        out.contains("write it with `/` (\"texts/summary.md\")"),
        "{out}"
    );
}
