//! The `import` and `export` subcommands: other formats in and out.
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use clap::Args;

use polgraph::error::Error;
use polgraph::export::{ExportFormat, Selection};
use polgraph::import::{self, Format};
use polgraph::render::table::Table;
use polgraph::store;

use super::{bad, Ctx, Res};

/// Help shown after `polgraph import --help`.
pub const IMPORT_HELP: &str = "\
Formats (guessed from the file when --format is absent):
  csv      a directory with actors.csv, events.csv and optionally sources.csv
           (or the files one by one with --actors/--events)
  icews    ICEWS coded events, tab-separated with the ICEWS header
  gdelt    GDELT 2.0 event table (61 tab-separated columns, no header)
  plover   PLOVER / POLECAT event records, one JSON object per line
  ftm      FollowTheMoney entities, one JSON object per line
  popolo   Popolo JSON (persons, organizations, memberships, posts)

actors.csv header: id,name,kind,country[,aliases][,description][,attributes]   (aliases separated by ';')
events.csv header: source,action,target,date[,status,summary,cites,id,attributes]   (cites separated by ';')
sources.csv header: id,title[,publisher,date,url]
An empty date is an undated edge. Actors are named by id, or by name/alias.
Actors in other formats are matched by identifier (Wikidata QID, FtM or Popolo id, CAMEO code),
then by exact name or alias, and created otherwise. Edge ids come from the records' own ids, so
importing the same file twice adds nothing twice.

Examples:
  polgraph -g g.json import --actors actors.csv --events events.csv --create-actors
  polgraph -g g.json import --format gdelt 20210115.export.CSV
  polgraph -g g.json import entities.ftm.json";

/// `import` arguments.
#[derive(Args)]
pub struct ImportArgs {
    /// The file to import (a directory for csv).
    #[arg(value_name = "FILE")]
    file: Option<PathBuf>,
    /// csv, icews, gdelt, plover (polecat), ftm, popolo, or proposals (from `polgraph
    /// extract --json`); guessed when absent (except proposals).
    #[arg(long, value_name = "FORMAT")]
    format: Option<String>,
    /// Actors file (csv).
    #[arg(long, value_name = "FILE.csv")]
    actors: Option<PathBuf>,
    /// Events file (csv).
    #[arg(long, value_name = "FILE.csv")]
    events: Option<PathBuf>,
    /// Create actors (kind `unknown`) for names no file knows (csv).
    #[arg(long)]
    create_actors: bool,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
}

fn head(path: &Path) -> Result<Vec<u8>, Error> {
    let mut f = std::fs::File::open(path).map_err(|e| Error::io("read", path, e))?;
    let mut buf = vec![0u8; 16 * 1024];
    let mut n = 0;
    while n < buf.len() {
        match f.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(Error::io("read", path, e)),
        }
    }
    buf.truncate(n);
    Ok(buf)
}

/// Runs `import`.
pub fn import(ctx: &mut Ctx, a: ImportArgs) -> Res<i32> {
    // The event coder's proposals (`polgraph extract --json`, reviewed by a
    // person) are accepted here too, exactly as `polgraph accept` does.
    if a.format
        .as_deref()
        .is_some_and(|f| f.eq_ignore_ascii_case("proposals"))
    {
        let Some(file) = a.file else {
            return Err(Error::Usage("--format proposals needs the proposals FILE".into()).into());
        };
        return super::extract::accept(
            ctx,
            super::extract::AcceptArgs {
                proposals: file,
                dry_run: false,
            },
        );
    }
    let format = a
        .format
        .as_deref()
        .map(|f| {
            Format::parse(f).ok_or_else(|| {
                bad(
                    "--format",
                    format!(
                        "unknown format {f:?}; one of {}",
                        Format::ALL.map(|f| f.as_str()).join(", ")
                    ),
                )
            })
        })
        .transpose()?;
    let path = ctx.graph_path()?.to_owned();
    if a.actors.is_some() || a.events.is_some() {
        if a.file.is_some() {
            return Err(
                Error::Usage("give either FILE or --actors/--events, not both".into()).into(),
            );
        }
        if format.is_some_and(|f| f != Format::Csv) {
            return Err(Error::Usage(
                "--actors/--events are CSV files; drop --format or use --format csv".into(),
            )
            .into());
        }
        let files = import::csv::CsvFiles {
            actors: a.actors.as_deref(),
            events: a.events.as_deref(),
            sources: None,
        };
        return csv_import(ctx, &path, files, a.create_actors, false, a.json);
    }
    let Some(file) = a.file else {
        return Err(Error::Usage(
            "nothing to import: give FILE (with --format F when it cannot be guessed) or --actors/--events".into(),
        )
        .into());
    };
    if !file.exists() {
        return Err(Error::io(
            "read",
            &file,
            std::io::Error::new(std::io::ErrorKind::NotFound, "no such file or directory"),
        )
        .into());
    }
    let format = match format {
        Some(f) => f,
        None => {
            let h = if file.is_dir() {
                Vec::new()
            } else {
                head(&file)?
            };
            Format::guess(&file, &h).ok_or_else(|| {
                Error::Usage(format!(
                    "cannot tell the format of {}; pass --format ({})",
                    file.display(),
                    Format::ALL.map(|f| f.as_str()).join(", ")
                ))
            })?
        }
    };
    if format == Format::Csv {
        let (actors, events, sources);
        if file.is_dir() {
            let pick = |n: &str| Some(file.join(n)).filter(|p| p.exists());
            actors = pick("actors.csv");
            events = pick("events.csv");
            sources = pick("sources.csv");
            if actors.is_none() && events.is_none() && sources.is_none() {
                return Err(Error::Usage(format!(
                    "{} has none of actors.csv, events.csv, sources.csv",
                    file.display()
                ))
                .into());
            }
        } else {
            let name = file.file_name().map(|n| n.to_string_lossy().into_owned());
            actors = (name.as_deref() == Some("actors.csv")).then(|| file.clone());
            sources = (name.as_deref() == Some("sources.csv")).then(|| file.clone());
            events = (actors.is_none() && sources.is_none()).then(|| file.clone());
        }
        let files = import::csv::CsvFiles {
            actors: actors.as_deref(),
            events: events.as_deref(),
            sources: sources.as_deref(),
        };
        return csv_import(ctx, &path, files, a.create_actors, true, a.json);
    }
    if file.is_dir() {
        return Err(Error::io(
            "read",
            &file,
            std::io::Error::other("it is a directory; only --format csv reads a directory"),
        )
        .into());
    }
    let pb = ctx.progress("importing");
    let report = store::edit(&path, |doc| match format {
        Format::Icews => import::icews::import(doc, &file, &pb),
        Format::Gdelt => import::gdelt::import(doc, &file, &pb),
        Format::Plover => import::plover::import(doc, &file, &pb),
        Format::Ftm => import::ftm::import(doc, &file, &pb),
        Format::Popolo => import::popolo::import(doc, &file, &pb),
        Format::Csv => unreachable!("handled above"),
    });
    pb.finish_and_clear();
    let report = report?;
    if a.json {
        ctx.json(&report)?;
        return Ok(0);
    }
    let mut t = Table::new(["", "count"]);
    for (k, v) in [
        ("records read", report.rows),
        ("actors created", report.actors_created),
        ("actors matched", report.actors_matched),
        ("edges added", report.edges_added),
        ("edges already present", report.edges_already_present),
        ("sources added", report.sources_added),
        ("records skipped", report.skipped),
    ] {
        t.row([k.to_string(), v.to_string()]);
    }
    for (why, n) in &report.skipped_why {
        t.row([format!("  skipped: {why}"), n.to_string()]);
    }
    t.write(&mut ctx.out)?;
    Ok(0)
}

fn csv_import(
    ctx: &mut Ctx,
    path: &Path,
    files: import::csv::CsvFiles<'_>,
    create_actors: bool,
    skip_existing: bool,
    json: bool,
) -> Res<i32> {
    let pb = ctx.progress("importing");
    let opts = import::csv::CsvOptions {
        create_actors,
        skip_existing,
    };
    let report = store::edit(path, |doc| {
        import::csv::import_csv_files(doc, files, &opts, &pb)
    });
    pb.finish_and_clear();
    let report = report?;
    if json {
        ctx.json(&report)?;
    } else {
        let mut t = Table::new(["", "count"]);
        let mut rows = vec![
            ("actor rows read", report.actor_rows),
            ("actors added", report.actors_added),
            ("actors already present", report.actors_matched),
            ("event rows read", report.event_rows),
            ("edges added", report.edges_added),
            ("actors created", report.actors_created),
        ];
        if files.sources.is_some() {
            rows.push(("source rows read", report.source_rows));
            rows.push(("sources added", report.sources_added));
        }
        if skip_existing {
            rows.push(("edges already present", report.edges_already_present));
        }
        for (k, v) in rows {
            t.row([k.to_string(), v.to_string()]);
        }
        t.write(&mut ctx.out)?;
    }
    Ok(0)
}

/// Help shown after `polgraph export --help`.
pub const EXPORT_HELP: &str = "\
Formats:
  graphml  GraphML with typed attribute keys (NetworkX, yEd, Gephi)
  gexf     GEXF 1.3 with dynamic edges: one spell per dated edge (Gephi timeline)
  neo4j    nodes.csv + relationships.csv for neo4j-admin database import (needs -o DIR)
  ftm      FollowTheMoney entities, one JSON object per line
  popolo   Popolo JSON: persons, organizations, posts, memberships
  csv      actors.csv, events.csv, sources.csv: the import format (needs -o DIR)
  jsonl    one JSON object per edge and line

Without -o the export goes to standard output. Files are written atomically; on an error nothing
is written. All statuses are exported unless --status is given.

Examples:
  polgraph -g graphs/seoul-comfort-women-2021.json export --format graphml -o seoul.graphml
  polgraph -g g.json export --format gexf --from 2021-01 --to 2021-01 > january.gexf
  polgraph -g g.json export --format neo4j -o import/
  neo4j-admin database import full --nodes=import/nodes.csv --relationships=import/relationships.csv --overwrite-destination neo4j";

/// `export` arguments.
#[derive(Args)]
#[command(after_help = EXPORT_HELP)]
pub struct ExportArgs {
    /// graphml, gexf, neo4j, ftm, popolo, csv or jsonl.
    #[arg(long, value_name = "FORMAT")]
    format: String,
    /// Output file (a directory for neo4j and csv); standard output when absent.
    #[arg(long, short = 'o', value_name = "FILE|DIR")]
    output: Option<PathBuf>,
    /// Only edges touching this actor.
    #[arg(long)]
    actor: Option<String>,
    #[command(flatten)]
    filter: super::FilterArgs,
}

/// Runs `export`.
pub fn export(ctx: &mut Ctx, a: ExportArgs) -> Res<i32> {
    let format = ExportFormat::parse(&a.format).ok_or_else(|| {
        bad(
            "--format",
            format!(
                "unknown format {:?}; one of {}",
                a.format,
                ExportFormat::ALL.map(|f| f.as_str()).join(", ")
            ),
        )
    })?;
    if format.is_directory() && a.output.is_none() {
        return Err(Error::Usage(format!(
            "--format {format} writes several files: give -o DIR"
        ))
        .into());
    }
    let mut filter = a.filter.to_filter(&[])?;
    let g = ctx.load()?;
    if let Some(actor) = &a.actor {
        filter.actor = Some(g.resolve(actor)?);
    }
    let sel = Selection::new(&g, &filter);
    let files = format.render(&sel);
    match (&a.output, format.is_directory()) {
        (None, _) => {
            for (_, bytes) in &files {
                ctx.out.write_all(bytes)?;
            }
        }
        (Some(file), false) => {
            if file.is_dir() {
                return Err(Error::io(
                    "write",
                    file,
                    std::io::Error::other("it is a directory; give a file name"),
                )
                .into());
            }
            for (_, bytes) in &files {
                store::write_atomic(file, bytes)?;
            }
        }
        (Some(dir), true) => {
            if dir.exists() && !dir.is_dir() {
                return Err(Error::io(
                    "write",
                    dir,
                    std::io::Error::other(
                        "it is a file; --format csv and neo4j write into a directory",
                    ),
                )
                .into());
            }
            std::fs::create_dir_all(dir).map_err(|e| Error::io("create", dir, e))?;
            for (name, bytes) in &files {
                store::write_atomic(&dir.join(name), bytes)?;
            }
        }
    }
    if let Some(out) = &a.output {
        ctx.note(format!(
            "exported {} actors and {} edges as {format} to {}",
            sel.actors.len(),
            sel.edges.len(),
            out.display()
        ));
        if format == ExportFormat::Neo4j {
            ctx.note(format!(
                "load with: {}",
                polgraph::export::neo4j::import_command(&out.display().to_string())
            ));
        }
    }
    Ok(0)
}
