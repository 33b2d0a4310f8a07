//! No component function is over 120 lines: a longer one is split by what
//! its reader looks for (a view and its state, a dialog's body and its
//! actions).

use std::fs;
use std::path::Path;

const MAX_LINES: usize = 120;

/// Every `#[component]` function in `source`: its name and length in lines
/// (from the attribute to the closing brace).
fn component_lengths(source: &str) -> Vec<(String, usize)> {
    let lines: Vec<&str> = source.lines().collect();
    let mut found = Vec::new();
    for (start, line) in lines.iter().enumerate() {
        if line.trim() != "#[component]" {
            continue;
        }
        let indent = line.len() - line.trim_start().len();
        let Some((offset, signature)) = lines[start..].iter().enumerate().find(|(_, l)| {
            l.trim_start().starts_with("pub fn ") || l.trim_start().starts_with("fn ")
        }) else {
            continue;
        };
        let name = signature
            .trim_start()
            .trim_start_matches("pub ")
            .trim_start_matches("fn ")
            .split(['(', '<'])
            .next()
            .unwrap_or_default()
            .to_string();
        let closing = format!("{}}}", " ".repeat(indent));
        let end = lines[start + offset..]
            .iter()
            .position(|l| *l == closing)
            .map_or(lines.len(), |p| start + offset + p);
        found.push((name, end - start + 1));
    }
    found
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in fs::read_dir(dir).expect("readable source folder").flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_component_function_is_over_120_lines() {
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    let mut too_long = Vec::new();
    let mut seen = 0;
    for file in &files {
        let source = fs::read_to_string(file).expect("readable source file");
        for (name, length) in component_lengths(&source) {
            seen += 1;
            if length > MAX_LINES {
                too_long.push(format!("{}: {name} has {length} lines", file.display()));
            }
        }
    }
    assert!(
        seen > 20,
        "only {seen} components found: is the scan broken?"
    );
    assert!(
        too_long.is_empty(),
        "components over {MAX_LINES} lines:\n{}",
        too_long.join("\n")
    );
}

#[test]
fn a_component_is_measured_from_its_attribute_to_its_closing_brace() {
    let source =
        "#[component]\npub fn Short() -> impl IntoView {\n    view! {}\n}\n\nfn other() {}\n";
    assert_eq!(component_lengths(source), vec![("Short".to_string(), 4)]);
}
