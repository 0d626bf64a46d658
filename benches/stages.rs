//! Micro-benchmarks of the pipeline's stages, so a slowdown points at its
//! stage: parse + check, render, compile (layout), export (PDF), and the
//! rebuild of a project after a one-value edit in a warm process — the path
//! a `watch` command takes. Run with `cargo bench --bench stages`.

use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use wenshu::{Loaded, Workspace};

const PROJECT: &str = "projects/wenchong-2022/project.yaml";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn loaded(workspace: &Workspace, source: &str) -> Loaded {
    workspace.parse(source, PROJECT).unwrap()
}

fn stages(c: &mut Criterion) {
    let workspace = Workspace::open(None, None).unwrap();
    let source = std::fs::read_to_string(root().join(PROJECT)).unwrap();
    let project = loaded(&workspace, &source);
    let prepared = workspace.prepare(&project).unwrap();
    let report = workspace.catalog().find("绩效评价报告").unwrap();
    let typst = workspace.session(&project, &prepared).render(report).unwrap();
    let document = workspace.compile(&typst).unwrap();

    c.bench_function("parse+check", |b| {
        b.iter(|| {
            let project = loaded(&workspace, &source);
            assert!(workspace.check(&project).is_empty());
        })
    });
    c.bench_function("render report", |b| b.iter(|| workspace.session(&project, &prepared).render(report).unwrap()));
    c.bench_function("compile report (warm)", |b| b.iter(|| workspace.compile(&typst).unwrap()));
    c.bench_function("export report", |b| b.iter(|| workspace.pdf(&document, "bench", &typst).unwrap()));
    // One actual changes: everything downstream of it is rebuilt, in a
    // process whose fonts and memoized layouts are warm. The two versions
    // alternate, so no iteration finds its result already cached.
    let edited = source.replacen("actual: 886个", "actual: 887个", 1);
    let versions = [source.as_str(), edited.as_str()];
    let mut turn = 0;
    c.bench_function("rebuild after one edit (all documents)", |b| {
        b.iter(|| {
            turn += 1;
            let project = loaded(&workspace, versions[turn % 2]);
            let prepared = workspace.prepare(&project).unwrap();
            let forms = workspace.documents_for(&project);
            for built in workspace.session(&project, &prepared).build_all(&forms, true) {
                built.unwrap();
            }
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = stages
}
criterion_main!(benches);
