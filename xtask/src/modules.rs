//! The module rule: inside each crate of the workspace, no two modules need each other.
//!
//! A module depends on another when any of its code names it: a `use` item (groups, renames
//! and globs included), or a path such as `crate::wire::AreaWire` or `super::text::table`.
//! Names are followed through re-exports (`pub use period::Period` in `lib.rs` makes
//! `crate::Period` a use of `period`), so a circle cannot hide behind the crate root.
//!
//! Dependencies are compared between sibling modules: when `a::x` uses `b::y`, `a` depends on
//! `b`. A module naming its own parent or its own children is not a dependency between
//! siblings, so `mod tests { use super::*; }` is never an edge. Code under `#[cfg(test)]` is
//! left out, as `cargo modules dependencies --acyclic` leaves it out by default: tests may
//! reach anywhere.
//!
//! The reading is lexical, not a compiler's: comments, strings and character literals are
//! skipped; a name that is neither a module, nor an import, nor an item of a module of the
//! crate is taken for another crate's or a local one and gives no edge. Names a macro
//! generates are not seen.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// The crates of the workspace whose modules are checked: their folders, relative to the root.
pub const CRATES: &[&str] = &[
    ".",
    "crates/yardstick-stats",
    "crates/yardstick-bundle",
    "crates/yardstick-present",
    "crates/yardstick-charts",
    "crates/yardstick-view",
    "crates/yardstick-first",
    "crates/yardstick-cli",
    "xtask",
];

/// Every circle of modules in the crates at `folders` (relative to `root`), one paragraph each;
/// empty when there is none. Each crate root (`src/lib.rs`, `src/main.rs`) is read on its own.
pub fn circles_in(root: &Path, folders: &[&str]) -> Result<Vec<String>> {
    let mut found = Vec::new();
    let mut crate_roots = 0;
    for folder in folders {
        for entry in ["src/lib.rs", "src/main.rs"] {
            // Paths are read and shown relative to the root.
            let file = if *folder == "." {
                PathBuf::from(entry)
            } else {
                Path::new(folder).join(entry)
            };
            let read = |path: &Path| std::fs::read_to_string(root.join(path)).ok();
            if read(&file).is_none() {
                continue;
            }
            crate_roots += 1;
            let tree = Tree::load(&file, &read)
                .with_context(|| format!("cannot read the modules of {}", file.display()))?;
            found.extend(
                tree.circles()
                    .into_iter()
                    .map(|circle| format!("{}: {circle}", file.display())),
            );
        }
    }
    anyhow::ensure!(crate_roots > 0, "found no crate root under {folders:?}");
    Ok(found)
}

/// One token of Rust source, with the line it is on.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Ident(String),
    /// `::`
    PathSep,
    Punct(char),
}

/// Splits source into identifiers and punctuation, dropping comments, literals and lifetimes.
fn tokenize(source: &str) -> Vec<(Token, usize)> {
    let chars: Vec<char> = source.chars().collect();
    let at = |i: usize| chars.get(i).copied().unwrap_or('\0');
    let mut tokens = Vec::new();
    let (mut i, mut line) = (0, 1);
    while i < chars.len() {
        let c = at(i);
        match c {
            '\n' => {
                line += 1;
                i += 1;
            }
            c if c.is_whitespace() => i += 1,
            '/' if at(i + 1) == '/' => {
                while i < chars.len() && at(i) != '\n' {
                    i += 1;
                }
            }
            '/' if at(i + 1) == '*' => {
                let mut depth = 0;
                while i < chars.len() {
                    if at(i) == '/' && at(i + 1) == '*' {
                        depth += 1;
                        i += 2;
                    } else if at(i) == '*' && at(i + 1) == '/' {
                        depth -= 1;
                        i += 2;
                        if depth == 0 {
                            break;
                        }
                    } else {
                        if at(i) == '\n' {
                            line += 1;
                        }
                        i += 1;
                    }
                }
            }
            '"' => i = skip_string(&chars, i + 1, &mut line),
            '\'' => {
                if at(i + 1) == '\\' {
                    // An escaped character: '\n', '\'', '\u{..}'.
                    i += 2;
                    while i < chars.len() && at(i) != '\'' {
                        i += 1;
                    }
                    i += 1;
                } else if at(i + 2) == '\'' {
                    i += 3;
                } else {
                    // A lifetime or label: `'a`, `'static`.
                    i += 1;
                    while at(i).is_alphanumeric() || at(i) == '_' {
                        i += 1;
                    }
                }
            }
            c if c.is_ascii_digit() => {
                while at(i).is_alphanumeric() || at(i) == '_' {
                    i += 1;
                }
            }
            c if c.is_alphabetic() || c == '_' => {
                // Raw strings and byte or C strings start like identifiers.
                let mut j = i;
                while matches!(at(j), 'b' | 'c' | 'r') && j < i + 2 {
                    j += 1;
                }
                let prefix: String = chars.get(i..j).unwrap_or_default().iter().collect();
                let raw = prefix.ends_with('r');
                if j > i && raw && (at(j) == '"' || (at(j) == '#' && at(j + 1) != '[')) {
                    let mut hashes = 0;
                    let mut k = j;
                    while at(k) == '#' {
                        hashes += 1;
                        k += 1;
                    }
                    if at(k) == '"' {
                        i = skip_raw_string(&chars, k + 1, hashes, &mut line);
                        continue;
                    }
                    if hashes == 1 && (at(k).is_alphabetic() || at(k) == '_') {
                        // A raw identifier, `r#type`.
                        i = k;
                        continue;
                    }
                }
                if j > i && !raw && at(j) == '"' {
                    i = skip_string(&chars, j + 1, &mut line);
                    continue;
                }
                if prefix == "b" && at(j) == '\'' {
                    i = j;
                    continue;
                }
                let start = i;
                while at(i).is_alphanumeric() || at(i) == '_' {
                    i += 1;
                }
                let word: String = chars.get(start..i).unwrap_or_default().iter().collect();
                tokens.push((Token::Ident(word), line));
            }
            ':' if at(i + 1) == ':' => {
                tokens.push((Token::PathSep, line));
                i += 2;
            }
            c => {
                tokens.push((Token::Punct(c), line));
                i += 1;
            }
        }
    }
    tokens
}

/// The index after a string's closing quote, from the character after its opening one.
fn skip_string(chars: &[char], mut i: usize, line: &mut usize) -> usize {
    while let Some(&c) = chars.get(i) {
        match c {
            '\\' => {
                if chars.get(i + 1) == Some(&'\n') {
                    *line += 1;
                }
                i += 2;
            }
            '"' => return i + 1,
            '\n' => {
                *line += 1;
                i += 1;
            }
            _ => i += 1,
        }
    }
    i
}

/// The index after a raw string's closing quote and hashes.
fn skip_raw_string(chars: &[char], mut i: usize, hashes: usize, line: &mut usize) -> usize {
    while let Some(&c) = chars.get(i) {
        if c == '"' && (1..=hashes).all(|n| chars.get(i + n) == Some(&'#')) {
            return i + 1 + hashes;
        }
        if c == '\n' {
            *line += 1;
        }
        i += 1;
    }
    i
}

/// A path as written in a module, with where it was written.
#[derive(Debug, Clone)]
struct Written {
    segments: Vec<String>,
    file: PathBuf,
    line: usize,
}

/// One name a `use` item brings into a module: `use a::b as c` brings `c` for `a::b`.
#[derive(Debug, Clone)]
struct Import {
    name: String,
    path: Written,
}

/// A module of the crate and what its own code names.
#[derive(Debug, Default)]
struct Module {
    /// Its path from the crate root (`["query", "text"]`); empty for the root.
    path: Vec<String>,
    parent: Option<usize>,
    children: BTreeMap<String, usize>,
    /// Items it defines (functions, types, constants, macros).
    items: BTreeSet<String>,
    imports: Vec<Import>,
    /// `use x::*` paths.
    globs: Vec<Written>,
    /// Paths of two or more segments in its code, and the paths of its `use` items.
    uses: Vec<Written>,
}

/// The modules of one crate.
#[derive(Debug, Default)]
struct Tree {
    modules: Vec<Module>,
}

/// Where a module's `mod x;` files are: the folder, and whether it is the module's own folder
/// (`lib.rs`, `mod.rs`) or one named after it (`period.rs` keeps its children in `period/`).
fn child_folder(file: &Path) -> PathBuf {
    let folder = file.parent().map(Path::to_path_buf).unwrap_or_default();
    let stem = file.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    if matches!(stem, "lib" | "main" | "mod") {
        folder
    } else {
        folder.join(stem)
    }
}

/// Reads one source file into the modules of the tree, starting with the module `module`.
struct FileReader<'a> {
    tokens: Vec<(Token, usize)>,
    file: PathBuf,
    read: &'a dyn Fn(&Path) -> Option<String>,
}

impl Tree {
    /// Reads the crate whose root file is `root`, following `mod x;` to `x.rs` or `x/mod.rs`.
    fn load(root: &Path, read: &dyn Fn(&Path) -> Option<String>) -> Result<Self> {
        let mut tree = Tree {
            modules: vec![Module::default()],
        };
        tree.load_file(0, root, read)?;
        Ok(tree)
    }

    fn load_file(
        &mut self,
        module: usize,
        file: &Path,
        read: &dyn Fn(&Path) -> Option<String>,
    ) -> Result<()> {
        let source = read(file).with_context(|| format!("cannot read {}", file.display()))?;
        let reader = FileReader {
            tokens: tokenize(&source),
            file: file.to_path_buf(),
            read,
        };
        let end = reader.tokens.len();
        reader.module_body(self, module, 0, end, &child_folder(file))
    }

    fn add_child(&mut self, parent: usize, name: &str) -> usize {
        let mut path = self
            .modules
            .get(parent)
            .map(|m| m.path.clone())
            .unwrap_or_default();
        path.push(name.to_owned());
        let id = self.modules.len();
        self.modules.push(Module {
            path,
            parent: Some(parent),
            ..Module::default()
        });
        if let Some(parent) = self.modules.get_mut(parent) {
            parent.children.insert(name.to_owned(), id);
        }
        id
    }

    fn module(&self, id: usize) -> Option<&Module> {
        self.modules.get(id)
    }

    /// The module a path written in `from` ends in: its last module segment, or the module of
    /// the item it names; `None` for another crate's or an unknown name.
    fn resolve(&self, from: usize, segments: &[String], depth: usize) -> Option<usize> {
        if depth > 16 {
            return None;
        }
        let (first, rest) = segments.split_first()?;
        match first.as_str() {
            "crate" | "$crate" => self.walk(0, rest, true, depth),
            "self" => self.walk(from, rest, true, depth),
            "super" => {
                let mut at = self.module(from)?.parent?;
                let mut rest = rest;
                while rest.first().is_some_and(|s| s == "super") {
                    at = self.module(at)?.parent?;
                    rest = rest.get(1..)?;
                }
                self.walk(at, rest, true, depth)
            }
            _ => self.walk(from, segments, false, depth),
        }
    }

    /// Follows `segments` from inside module `at`; `entered` once the path has named a module
    /// of this crate, after which a name the reader did not see (made by a macro) is taken to
    /// be an item of the module reached.
    fn walk(&self, at: usize, segments: &[String], entered: bool, depth: usize) -> Option<usize> {
        let Some((first, rest)) = segments.split_first() else {
            return Some(at);
        };
        let module = self.module(at)?;
        if let Some(&child) = module.children.get(first) {
            return self.walk(child, rest, true, depth);
        }
        if module.items.contains(first) {
            return Some(at);
        }
        if let Some(import) = module.imports.iter().find(|i| &i.name == first) {
            // `use a::b as c;` then `c::d`: the path is `a::b::d`, read where the import is.
            let whole = [import.path.segments.as_slice(), rest].concat();
            return self.resolve(at, &whole, depth + 1);
        }
        for glob in &module.globs {
            if let Some(source) = self.resolve(at, &glob.segments, depth + 1)
                && source != at
                && self.defines(source, first)
            {
                return self.walk(source, segments, entered, depth + 1);
            }
        }
        entered.then_some(at)
    }

    /// Whether module `id` has a child, an item or an import called `name`.
    fn defines(&self, id: usize, name: &str) -> bool {
        self.module(id).is_some_and(|m| {
            m.children.contains_key(name)
                || m.items.contains(name)
                || m.imports.iter().any(|i| i.name == name)
        })
    }

    /// Every path written in the crate that reaches another of its modules: (from, to,
    /// where it was written).
    fn edges(&self) -> Vec<(usize, usize, &Written)> {
        let mut edges = Vec::new();
        for (from, module) in self.modules.iter().enumerate() {
            for written in &module.uses {
                if written
                    .segments
                    .first()
                    .is_none_or(|s| !self.starts_here(from, s))
                {
                    continue;
                }
                if let Some(to) = self.resolve(from, &written.segments, 0)
                    && to != from
                {
                    edges.push((from, to, written));
                }
            }
        }
        edges
    }

    /// Whether a path starting with `first`, written in module `from`, can be one of the
    /// crate's (rather than another crate's or a local variable's).
    fn starts_here(&self, from: usize, first: &str) -> bool {
        matches!(first, "crate" | "$crate" | "self" | "super") || self.defines(from, first) || {
            self.module(from).is_some_and(|m| {
                m.globs.iter().any(|g| {
                    self.resolve(from, &g.segments, 0)
                        .is_some_and(|source| source != from && self.defines(source, first))
                })
            })
        }
    }

    /// The circles among sibling modules, each as `a → b → a` with where each step is written.
    fn circles(&self) -> Vec<String> {
        // For each parent, the edges between its children, with the first place each is written.
        let mut levels: BTreeMap<usize, BTreeMap<(usize, usize), &Written>> = BTreeMap::new();
        for (from, to, written) in self.edges() {
            if let Some((parent, a, b)) = self.siblings_under(from, to) {
                levels
                    .entry(parent)
                    .or_default()
                    .entry((a, b))
                    .or_insert(written);
            }
        }
        let mut found = Vec::new();
        for edges in levels.values() {
            for component in strongly_connected(edges) {
                let Some(cycle) = shortest_cycle(edges, &component) else {
                    continue;
                };
                let mut text = self.describe(&cycle, edges);
                if component.len() > cycle.len() {
                    let names: Vec<String> = component.iter().map(|&id| self.name(id)).collect();
                    let _ = write!(
                        text,
                        "\n    (one of the circles among {})",
                        names.join(", ")
                    );
                }
                found.push(text);
            }
        }
        found
    }

    /// For an edge between two modules, the nearest common ancestor and its two children
    /// that contain each end; `None` when one contains the other.
    fn siblings_under(&self, from: usize, to: usize) -> Option<(usize, usize, usize)> {
        let (a, b) = (&self.module(from)?.path, &self.module(to)?.path);
        let common = a.iter().zip(b).take_while(|(x, y)| x == y).count();
        let (next_a, next_b) = (a.get(common)?, b.get(common)?);
        let mut parent = 0;
        for segment in a.get(..common)? {
            parent = *self.module(parent)?.children.get(segment)?;
        }
        let children = &self.module(parent)?.children;
        Some((parent, *children.get(next_a)?, *children.get(next_b)?))
    }

    fn name(&self, id: usize) -> String {
        self.module(id).map_or_else(String::new, |m| {
            if m.path.is_empty() {
                "crate".to_owned()
            } else {
                m.path.join("::")
            }
        })
    }

    fn describe(&self, cycle: &[usize], edges: &BTreeMap<(usize, usize), &Written>) -> String {
        let names: Vec<String> = cycle.iter().map(|&id| self.name(id)).collect();
        let mut text = format!(
            "a circle of modules: {} → {}",
            names.join(" → "),
            names.first().cloned().unwrap_or_default()
        );
        for (i, &from) in cycle.iter().enumerate() {
            let to = cycle.get(i + 1).or(cycle.first()).copied().unwrap_or(from);
            if let Some(written) = edges.get(&(from, to)) {
                let _ = write!(
                    text,
                    "\n    {} → {}: {}:{} names {}",
                    self.name(from),
                    self.name(to),
                    written.file.display(),
                    written.line,
                    written.segments.join("::")
                );
            }
        }
        text
    }
}

impl FileReader<'_> {
    /// Reads the items between `start` and `end` into module `module`, whose `mod x;` files are
    /// in `folder`.
    fn module_body(
        &self,
        tree: &mut Tree,
        module: usize,
        start: usize,
        end: usize,
        folder: &Path,
    ) -> Result<()> {
        let mut i = start;
        // Brace depth inside this module's body: items are at depth 0.
        let mut depth = 0usize;
        let mut test_only = false;
        while i < end {
            let Some((token, line)) = self.tokens.get(i) else {
                break;
            };
            match token {
                Token::Punct('#') => {
                    let inner = self.is(i + 1, &Token::Punct('!'));
                    let open = if inner { i + 2 } else { i + 1 };
                    if self.is(open, &Token::Punct('[')) {
                        let close = self.matching(open, end);
                        if !inner && self.is_cfg_test(open + 1, close) {
                            test_only = true;
                        }
                        i = close + 1;
                        continue;
                    }
                    i += 1;
                }
                _ if test_only => {
                    // Visibility and further attributes come before the item itself.
                    if self.is(i, &ident("pub")) {
                        i += 1;
                        if self.is(i, &Token::Punct('(')) {
                            i = self.matching(i, end) + 1;
                        }
                        continue;
                    }
                    i = self.item_end(i, end);
                    test_only = false;
                }
                Token::Punct('{') => {
                    depth += 1;
                    i += 1;
                }
                Token::Punct('}') => {
                    depth = depth.saturating_sub(1);
                    i += 1;
                }
                Token::Ident(word) if word == "mod" && depth == 0 => {
                    let Some(Token::Ident(name)) = self.tokens.get(i + 1).map(|t| &t.0) else {
                        i += 1;
                        continue;
                    };
                    let child = tree.add_child(module, name);
                    if self.is(i + 2, &Token::Punct('{')) {
                        let close = self.matching(i + 2, end);
                        self.module_body(tree, child, i + 3, close, &folder.join(name))?;
                        i = close + 1;
                    } else {
                        let flat = folder.join(format!("{name}.rs"));
                        let nested = folder.join(name).join("mod.rs");
                        let file = if (self.read)(&flat).is_some() {
                            flat
                        } else {
                            nested
                        };
                        tree.load_file(child, &file, self.read)
                            .with_context(|| format!("{}:{line}", self.file.display()))?;
                        i += 2;
                    }
                }
                Token::Ident(word) if word == "use" => {
                    let mut found = Vec::new();
                    let next = self.use_tree(i + 1, end, Vec::new(), *line, &mut found);
                    if let Some(m) = tree.modules.get_mut(module) {
                        for (path, alias, glob) in found {
                            if glob {
                                m.globs.push(path.clone());
                            } else if let Some(name) =
                                alias.or_else(|| path.segments.last().cloned())
                                && name != "_"
                            {
                                m.imports.push(Import {
                                    name,
                                    path: path.clone(),
                                });
                            }
                            m.uses.push(path);
                        }
                    }
                    i = next;
                }
                Token::Ident(word)
                    if depth == 0
                        && matches!(
                            word.as_str(),
                            "fn" | "struct"
                                | "enum"
                                | "trait"
                                | "type"
                                | "const"
                                | "static"
                                | "union"
                                | "macro_rules"
                        ) =>
                {
                    let name_at = if word == "macro_rules" { i + 2 } else { i + 1 };
                    if let Some((Token::Ident(name), _)) = self.tokens.get(name_at)
                        && let Some(m) = tree.modules.get_mut(module)
                    {
                        m.items.insert(name.clone());
                    }
                    i += 1;
                }
                Token::Ident(_) if !self.is(i.wrapping_sub(1), &Token::PathSep) => {
                    let (segments, next) = self.path_at(i, end);
                    if segments.len() > 1
                        && let Some(m) = tree.modules.get_mut(module)
                    {
                        m.uses.push(Written {
                            segments,
                            file: self.file.clone(),
                            line: *line,
                        });
                    }
                    i = next;
                }
                Token::Punct('$') if self.is(i + 1, &ident("crate")) => {
                    let (mut segments, next) = self.path_at(i + 1, end);
                    if let Some(first) = segments.first_mut() {
                        *first = "$crate".to_owned();
                    }
                    if segments.len() > 1
                        && let Some(m) = tree.modules.get_mut(module)
                    {
                        m.uses.push(Written {
                            segments,
                            file: self.file.clone(),
                            line: *line,
                        });
                    }
                    i = next;
                }
                _ => i += 1,
            }
        }
        Ok(())
    }

    fn is(&self, i: usize, token: &Token) -> bool {
        self.tokens.get(i).is_some_and(|(t, _)| t == token)
    }

    /// The index of the bracket closing the one at `open` (or `end` when it is never closed).
    fn matching(&self, open: usize, end: usize) -> usize {
        let mut depth = 0usize;
        let mut i = open;
        while i < end {
            match self.tokens.get(i).map(|t| &t.0) {
                Some(Token::Punct('(' | '[' | '{')) => depth += 1,
                Some(Token::Punct(')' | ']' | '}')) => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return i;
                    }
                }
                _ => {}
            }
            i += 1;
        }
        end
    }

    /// The index after the item starting at `start`: after its `;` or its closing brace.
    fn item_end(&self, start: usize, end: usize) -> usize {
        let mut i = start;
        while i < end {
            match self.tokens.get(i).map(|t| &t.0) {
                Some(Token::Punct(';')) => return i + 1,
                Some(Token::Punct('{')) => {
                    let close = self.matching(i, end);
                    // `use a::{b, c};` goes on to its `;`; a body ends the item.
                    if self.is(close + 1, &Token::Punct(';')) {
                        return close + 2;
                    }
                    return close + 1;
                }
                Some(Token::Punct('(' | '[')) => i = self.matching(i, end) + 1,
                _ => i += 1,
            }
        }
        end
    }

    /// Whether the attribute between `from` and `to` is `cfg(test)` (or `cfg(all(test, …))`).
    fn is_cfg_test(&self, from: usize, to: usize) -> bool {
        let words: Vec<&str> = self
            .tokens
            .get(from..to)
            .unwrap_or_default()
            .iter()
            .filter_map(|(t, _)| match t {
                Token::Ident(w) => Some(w.as_str()),
                _ => None,
            })
            .collect();
        words.first() == Some(&"cfg") && words.contains(&"test") && !words.contains(&"not")
    }

    /// The path starting at `start` (`a::b::C`), and the index after it.
    fn path_at(&self, start: usize, end: usize) -> (Vec<String>, usize) {
        let mut segments = Vec::new();
        let mut i = start;
        while i < end {
            let Some((Token::Ident(word), _)) = self.tokens.get(i) else {
                break;
            };
            segments.push(word.clone());
            if self.is(i + 1, &Token::PathSep)
                && matches!(self.tokens.get(i + 2), Some((Token::Ident(_), _)))
            {
                i += 2;
            } else {
                i += 1;
                break;
            }
        }
        (segments, i.max(start + 1))
    }

    /// Reads a use tree from `start`, appending (path, rename, is a glob) to `found`; returns the
    /// index after it.
    fn use_tree(
        &self,
        start: usize,
        end: usize,
        prefix: Vec<String>,
        line: usize,
        found: &mut Vec<(Written, Option<String>, bool)>,
    ) -> usize {
        let written = |segments: Vec<String>| Written {
            segments,
            file: self.file.clone(),
            line,
        };
        let mut path = prefix;
        let mut i = start;
        if self.is(i, &Token::PathSep) {
            // `use ::name`: another crate.
            return self.item_end(i, end);
        }
        while i < end {
            match self.tokens.get(i).map(|t| &t.0) {
                Some(Token::Punct('{')) => {
                    let close = self.matching(i, end);
                    let mut j = i + 1;
                    while j < close {
                        j = self.use_tree(j, close, path.clone(), line, found);
                        if self.is(j, &Token::Punct(',')) {
                            j += 1;
                        }
                    }
                    return close + 1;
                }
                Some(Token::Punct('*')) => {
                    found.push((written(path), None, true));
                    return i + 1;
                }
                Some(Token::Ident(word)) => {
                    if self.is(i + 1, &Token::PathSep) {
                        path.push(word.clone());
                        i += 2;
                        continue;
                    }
                    let (name, next) = if self.is(i + 1, &ident("as")) {
                        match self.tokens.get(i + 2) {
                            Some((Token::Ident(alias), _)) => (Some(alias.clone()), i + 3),
                            _ => (None, i + 2),
                        }
                    } else {
                        (None, i + 1)
                    };
                    if word == "self" {
                        // `use a::{self}` imports `a` itself.
                        let alias = name.or_else(|| path.last().cloned());
                        found.push((written(path), alias, false));
                    } else {
                        path.push(word.clone());
                        found.push((written(path), name, false));
                    }
                    return next;
                }
                _ => return i + 1,
            }
        }
        i
    }
}

fn ident(word: &str) -> Token {
    Token::Ident(word.to_owned())
}

/// The strongly connected components of more than one module: modules that reach each other,
/// found by a search from each (the graphs are a few dozen modules), in a fixed order.
fn strongly_connected(edges: &BTreeMap<(usize, usize), &Written>) -> Vec<Vec<usize>> {
    let nodes: BTreeSet<usize> = edges.keys().flat_map(|&(a, b)| [a, b]).collect();
    let successors = |n: usize| edges.keys().filter(move |(a, _)| *a == n).map(|&(_, b)| b);
    let reach = |from: usize| {
        let mut seen = BTreeSet::from([from]);
        let mut stack = vec![from];
        while let Some(n) = stack.pop() {
            for next in successors(n) {
                if seen.insert(next) {
                    stack.push(next);
                }
            }
        }
        seen
    };
    let reached: BTreeMap<usize, BTreeSet<usize>> = nodes.iter().map(|&n| (n, reach(n))).collect();
    let mut placed = BTreeSet::new();
    let mut components = Vec::new();
    for &n in &nodes {
        if placed.contains(&n) {
            continue;
        }
        let component: Vec<usize> = nodes
            .iter()
            .copied()
            .filter(|&m| {
                reached.get(&n).is_some_and(|r| r.contains(&m))
                    && reached.get(&m).is_some_and(|r| r.contains(&n))
            })
            .collect();
        placed.extend(component.iter().copied());
        if component.len() > 1 {
            components.push(component);
        }
    }
    components
}

/// The shortest circle through the component's first module, by breadth-first search.
fn shortest_cycle(
    edges: &BTreeMap<(usize, usize), &Written>,
    component: &[usize],
) -> Option<Vec<usize>> {
    let &start = component.first()?;
    let inside: BTreeSet<usize> = component.iter().copied().collect();
    let mut came_from: BTreeMap<usize, usize> = BTreeMap::new();
    let mut queue = std::collections::VecDeque::from([start]);
    while let Some(n) = queue.pop_front() {
        for &(_, next) in edges.keys().filter(|(a, b)| *a == n && inside.contains(b)) {
            if next == start {
                let mut cycle = vec![n];
                let mut at = n;
                while at != start {
                    at = *came_from.get(&at)?;
                    cycle.push(at);
                }
                cycle.reverse();
                return Some(cycle);
            }
            if let std::collections::btree_map::Entry::Vacant(entry) = came_from.entry(next) {
                entry.insert(n);
                queue.push_back(next);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The circles of a crate made of `files` (path, source), whose root is `src/lib.rs`.
    fn check(files: &[(&str, &str)]) -> Vec<String> {
        let files: BTreeMap<PathBuf, String> = files
            .iter()
            .map(|(path, source)| (PathBuf::from(path), (*source).to_owned()))
            .collect();
        let read = |path: &Path| files.get(path).cloned();
        Tree::load(Path::new("src/lib.rs"), &read)
            .unwrap()
            .circles()
    }

    /// The first line of each circle: the modules on it.
    fn modules_on(circles: &[String]) -> Vec<&str> {
        circles.iter().filter_map(|c| c.lines().next()).collect()
    }

    #[test]
    fn a_tree_without_circles_passes() {
        let circles = check(&[
            ("src/lib.rs", "mod a;\nmod b;\nmod c;\npub use a::Thing;\n"),
            ("src/a.rs", "use crate::b::Word;\npub struct Thing(Word);\n"),
            ("src/b.rs", "pub use crate::c::Word;\n"),
            (
                "src/c.rs",
                "pub struct Word;\n#[cfg(test)]\nmod tests {\n    use super::*;\n    use crate::a::Thing;\n}\n",
            ),
        ]);
        assert!(circles.is_empty(), "{circles:?}");
    }

    #[test]
    fn two_modules_naming_each_other_are_a_circle() {
        let circles = check(&[
            ("src/lib.rs", "mod a;\nmod b;\n"),
            ("src/a.rs", "use crate::b::B;\npub struct A;\n"),
            (
                "src/b.rs",
                "pub struct B;\nfn f() -> crate::a::A { todo() }\n",
            ),
        ]);
        assert_eq!(modules_on(&circles), ["a circle of modules: a → b → a"]);
        assert!(
            circles[0].contains("src/a.rs:1 names crate::b::B"),
            "{circles:?}"
        );
        assert!(
            circles[0].contains("src/b.rs:2 names crate::a::A"),
            "{circles:?}"
        );
    }

    #[test]
    fn a_longer_circle_is_named_with_every_module_on_it() {
        let circles = check(&[
            ("src/lib.rs", "mod a;\nmod b;\nmod c;\nmod d;\n"),
            ("src/a.rs", "use crate::{b::B, d};\npub struct A;\n"),
            ("src/b.rs", "pub struct B(super::c::C);\n"),
            (
                "src/c.rs",
                "pub struct C;\nconst X: usize = crate::a::LEN;\n",
            ),
            ("src/d.rs", "pub fn nothing() {}\n"),
        ]);
        assert_eq!(modules_on(&circles), ["a circle of modules: a → b → c → a"]);
    }

    #[test]
    fn a_circle_through_a_re_export_of_the_root_is_found() {
        // `crate::Period` is `period::Period`: the root's re-export does not hide the circle.
        let circles = check(&[
            (
                "src/lib.rs",
                "mod period;\nmod values;\npub use period::Period;\npub use values::Status;\n",
            ),
            ("src/period.rs", "use crate::Status;\npub struct Period;\n"),
            (
                "src/values.rs",
                "pub enum Status {}\nstruct V(crate::Period);\n",
            ),
        ]);
        assert_eq!(
            modules_on(&circles),
            ["a circle of modules: period → values → period"]
        );
    }

    #[test]
    fn nested_modules_are_checked_among_their_siblings() {
        let circles = check(&[
            ("src/lib.rs", "pub mod query;\nmod top;\n"),
            ("src/top.rs", "pub fn f() {}\n"),
            (
                "src/query/mod.rs",
                "mod peers;\nmod text;\nuse crate::top::f;\n",
            ),
            ("src/query/peers.rs", "use super::text::{self, table};\n"),
            (
                "src/query/text.rs",
                "pub fn table() { super::peers::go() }\n",
            ),
        ]);
        assert_eq!(
            modules_on(&circles),
            ["a circle of modules: query::peers → query::text → query::peers"]
        );
    }

    #[test]
    fn a_child_naming_its_parent_is_not_a_circle() {
        let circles = check(&[
            ("src/lib.rs", "mod sources;\n"),
            (
                "src/sources/mod.rs",
                "pub mod lait;\npub struct CsvFile;\nfn f() { lait::read() }\n",
            ),
            (
                "src/sources/lait.rs",
                "use crate::sources::CsvFile;\nuse super::*;\npub fn read() {}\n",
            ),
        ]);
        assert!(circles.is_empty(), "{circles:?}");
    }

    #[test]
    fn comments_strings_and_test_code_make_no_edges() {
        let circles = check(&[
            ("src/lib.rs", "mod a;\nmod b;\n"),
            (
                "src/a.rs",
                "use crate::b::B;\n#[cfg(test)]\nuse crate::b::Other;\npub struct A;\n",
            ),
            (
                "src/b.rs",
                "pub struct B;\n// crate::a::A\n/* crate::a::A /* nested */ crate::a::A */\n\
                 const S: &str = \"crate::a::A\";\nconst R: &str = r#\"crate::a::\"A\"#;\n\
                 const C: char = '\"';\nfn f<'a>(x: &'a str) {}\n\
                 #[cfg(test)]\nmod tests {\n    use crate::a::A;\n}\n\
                 #[cfg(test)]\nfn helper() -> crate::a::A { crate::a::A }\n",
            ),
        ]);
        assert!(circles.is_empty(), "{circles:?}");
    }

    #[test]
    fn a_path_after_a_string_or_lifetime_is_still_read() {
        // The lexer must come back from a literal and a lifetime to see the path that follows.
        let circles = check(&[
            ("src/lib.rs", "mod a;\nmod b;\n"),
            ("src/a.rs", "use crate::b::B;\npub struct A;\n"),
            (
                "src/b.rs",
                "pub struct B;\nfn f<'x>(s: &'x str) -> char { let _ = \"}\"; let c = '{'; crate::a::g() }\n",
            ),
        ]);
        assert_eq!(modules_on(&circles), ["a circle of modules: a → b → a"]);
    }

    #[test]
    fn names_of_other_crates_and_locals_are_not_edges() {
        let circles = check(&[
            ("src/lib.rs", "mod a;\nmod serde;\n"),
            (
                "src/a.rs",
                "use ::serde::Serialize;\nfn f(x: Vec<u8>) { x.len(); std::mem::drop(x); }\n",
            ),
            ("src/serde.rs", "use crate::a;\n"),
        ]);
        assert!(circles.is_empty(), "{circles:?}");
    }

    #[test]
    fn the_workspace_has_no_module_circles() {
        // The same check `cargo xtask test` makes, on the real crates.
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let circles = circles_in(&root, CRATES).unwrap();
        assert!(circles.is_empty(), "{}", circles.join("\n"));
    }
}
