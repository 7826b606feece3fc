//! `server`: the product's single binary. `serve` is the default subcommand.

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand, ValueEnum};
use server::config::{Config, ensure_sqlite_folder};
use server::state::AppState;

/// Satisfaction surveys and mystery-shopper tests for public-service front offices.
#[derive(Parser)]
#[command(name = "server", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the web application (applies pending migrations first). The default.
    Serve {
        /// Load the demo data when the database holds no organisation yet.
        #[arg(long)]
        seed_demo_if_empty: bool,
    },
    /// Apply pending database migrations and exit.
    Migrate,
    /// PostgreSQL: give an application role (created beforehand with `CREATE ROLE … LOGIN`) what
    /// the servers need and no more (no TRUNCATE, no ownership, the audit log append-only); run
    /// it as the schema's owner after `migrate`, then serve with that role in `DATABASE_URL`.
    GrantAppRole {
        /// The role's name.
        #[arg(long)]
        role: String,
    },
    /// Create the demo prefecture (Territoire de Belfort) with a year of answers; idempotent.
    SeedDemo,
    /// Write every response as CSV or XLSX, one row per response.
    ExportResponses {
        /// Output format.
        #[arg(long, value_enum, default_value = "csv")]
        format: ExportFormat,
        /// The file to write (created whole or not at all); standard output when left out.
        #[arg(long)]
        output: Option<std::path::PathBuf>,
        /// Only the responses of this touchpoint (its code).
        #[arg(long)]
        touchpoint: Option<String>,
    },
    /// Write a mystery campaign's tests as CSV or XLSX, one row per test (status, context, one
    /// column per criterion, score, meets_standard).
    ExportTests {
        /// Output format.
        #[arg(long, value_enum, default_value = "csv")]
        format: ExportFormat,
        /// The file to write (created whole or not at all); standard output when left out.
        #[arg(long)]
        output: Option<std::path::PathBuf>,
        /// The campaign's code.
        #[arg(long)]
        campaign: String,
        /// The organisation's code; may be left out while the instance holds one organisation.
        #[arg(long)]
        organisation: Option<String>,
    },
    /// Make the committee's report as a PDF, as `/rapport.pdf` does (printed by headless
    /// Chromium, `CHROMIUM` to name another one).
    Report {
        /// First month (`YYYY-MM`); with `--to`. The last twelve whole months when both are
        /// left out, compared with the twelve before.
        #[arg(long)]
        from: Option<String>,
        /// Last month (`YYYY-MM`).
        #[arg(long)]
        to: Option<String>,
        /// First month of the comparison period.
        #[arg(long)]
        compare_from: Option<String>,
        /// Last month of the comparison period.
        #[arg(long)]
        compare_to: Option<String>,
        /// `survey:CODE`, `site:CODE`, `service:CODE` or `touchpoint:CODE`; the first
        /// questionnaire when left out.
        #[arg(long)]
        scope: Option<String>,
        /// The meeting's date (`YYYY-MM-DD`); today when left out.
        #[arg(long)]
        meeting: Option<String>,
        /// The report's language.
        #[arg(long, value_enum, default_value = "fr")]
        lang: ReportLang,
        /// The organisation's code; may be left out while the instance holds one organisation.
        #[arg(long)]
        organisation: Option<String>,
        /// The PDF to write (created whole or not at all).
        #[arg(long)]
        output: std::path::PathBuf,
    },
    /// Import past results from a CSV file: `submitted_at` (RFC 3339) then question codes;
    /// all or nothing, a bad cell is reported by line and column.
    ImportResponses {
        /// The touchpoint the answers were given at.
        #[arg(long)]
        touchpoint: String,
        /// The CSV file.
        #[arg(long)]
        file: std::path::PathBuf,
    },
    /// Create a person's account (the first referent or administrator, say); the password is
    /// read from standard input (first line), never from the command line.
    CreateUser {
        /// Their e-mail address (they sign in with it).
        #[arg(long)]
        email: String,
        /// What they may do.
        #[arg(long, value_enum)]
        role: UserRole,
        /// Their organisation's code; may be left out while the instance holds one organisation
        /// (and must be, for an admin).
        #[arg(long)]
        organisation: Option<String>,
        /// Read the password from standard input (the only way to give it).
        #[arg(long, required = true)]
        password_stdin: bool,
    },
    /// Manage the bearer tokens of the JSON API.
    ApiToken {
        #[command(subcommand)]
        command: TokenCommand,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum ReportLang {
    Fr,
    En,
}

#[derive(Clone, Copy, ValueEnum)]
enum ExportFormat {
    Csv,
    Xlsx,
}

impl From<ExportFormat> for server::export::sheet::SheetFormat {
    fn from(f: ExportFormat) -> Self {
        match f {
            ExportFormat::Csv => Self::Csv,
            ExportFormat::Xlsx => Self::Xlsx,
        }
    }
}

/// Where an export goes: standard output, or a file written beside its place and renamed into
/// it once complete, so that a failed export leaves no half-written file.
enum Output {
    Stdout(std::io::Stdout),
    File {
        staged: tempfile::NamedTempFile,
        path: std::path::PathBuf,
    },
}

impl Output {
    fn open(path: Option<std::path::PathBuf>) -> Result<Output> {
        let Some(path) = path else {
            return Ok(Output::Stdout(std::io::stdout()));
        };
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
            _ => std::path::PathBuf::from("."),
        };
        let staged = tempfile::NamedTempFile::new_in(&dir)
            .with_context(|| format!("creating a file in {}", dir.display()))?;
        Ok(Output::File { staged, path })
    }

    fn writer(&mut self) -> &mut dyn std::io::Write {
        match self {
            Output::Stdout(out) => out,
            Output::File { staged, .. } => staged.as_file_mut(),
        }
    }

    fn commit(self) -> Result<()> {
        if let Output::File { staged, path } = self {
            staged
                .persist(&path)
                .with_context(|| format!("writing {}", path.display()))?;
        }
        Ok(())
    }
}

#[derive(Subcommand)]
enum TokenCommand {
    /// Create a bearer token for the JSON API; the token is the last line printed.
    Create {
        /// What the token is for (shown in lists).
        #[arg(long)]
        name: String,
        /// What it may do.
        #[arg(long, value_enum)]
        role: TokenRole,
        /// Its organisation's code; may be left out while the instance holds one organisation
        /// (and must be, for an admin token).
        #[arg(long)]
        organisation: Option<String>,
        /// The day it stops working (YYYY-MM-DD, at midnight in Paris, after today); a year
        /// from now when left out.
        #[arg(long)]
        expires: Option<String>,
    },
    /// List the tokens (never their values).
    List,
    /// Revoke a token by its id; it stops working at once.
    Revoke {
        /// The id shown by `api-token list`.
        #[arg(long)]
        id: i32,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum UserRole {
    Admin,
    Referent,
    Shopper,
    Viewer,
}

impl From<UserRole> for domain::Role {
    fn from(r: UserRole) -> Self {
        match r {
            UserRole::Admin => domain::Role::Admin,
            UserRole::Referent => domain::Role::Referent,
            UserRole::Shopper => domain::Role::Shopper,
            UserRole::Viewer => domain::Role::Viewer,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum TokenRole {
    /// A kiosk in a waiting room: submits answers, reads nothing.
    Kiosk,
    Viewer,
    Referent,
    Admin,
}

impl From<TokenRole> for domain::Role {
    fn from(r: TokenRole) -> Self {
        match r {
            TokenRole::Kiosk => domain::Role::Kiosk,
            TokenRole::Viewer => domain::Role::Viewer,
            TokenRole::Referent => domain::Role::Referent,
            TokenRole::Admin => domain::Role::Admin,
        }
    }
}

async fn open(config: &Config) -> Result<db::Db> {
    ensure_sqlite_folder(&config.database_url).context("creating the database folder")?;
    let db = db::connect(&config.database_url)
        .await
        .with_context(|| format!("opening the database {}", redact(&config.database_url)))?;
    Ok(db)
}

/// The URL without its password, for messages.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => format!("{}://…{}", &url[..s], &url[at..]),
        _ => url.to_owned(),
    }
}

async fn seed(db: &db::Db) -> Result<()> {
    match db::demo::seed_demo(db, chrono::Utc::now()).await? {
        db::demo::SeedOutcome::Created { responses } => {
            println!(
                "Demo data created: prefecture of the Territoire de Belfort, {responses} responses."
            )
        }
        db::demo::SeedOutcome::AlreadyThere => {
            println!("Demo data already present: nothing to do.")
        }
    }
    Ok(())
}

async fn export(
    db: &db::Db,
    touchpoint: Option<String>,
    format: ExportFormat,
    output: Option<std::path::PathBuf>,
) -> Result<()> {
    let code = touchpoint
        .map(|c| {
            domain::TouchpointCode::parse(&c)
                .map_err(|e| anyhow::anyhow!("--touchpoint {c:?}: {e}"))
        })
        .transpose()?;
    let mut out = Output::open(output)?;
    let count =
        server::export::responses::write_responses(db, code.as_ref(), format.into(), out.writer())
            .await
            .map_err(|e| match e {
                db::DbError::NotFound(what) => anyhow::anyhow!("unknown {what}"),
                other => anyhow::Error::new(other),
            })?;
    out.commit()?;
    eprintln!("{count} responses exported.");
    Ok(())
}

async fn import(db: &db::Db, touchpoint: &str, file: &std::path::Path) -> Result<()> {
    use std::io::{IsTerminal, Write};
    let code = domain::TouchpointCode::parse(touchpoint)
        .map_err(|e| anyhow::anyhow!("--touchpoint {touchpoint:?}: {e}"))?;
    let handle =
        std::fs::File::open(file).with_context(|| format!("opening {}", file.display()))?;
    let total = handle.metadata().map(|m| m.len()).unwrap_or(0).max(1);
    let terminal = std::io::stderr().is_terminal();
    let started = std::time::Instant::now();
    let reader = std::io::BufReader::with_capacity(1 << 20, handle);
    let result =
        db::import::import_responses(db, &db::audit::Actor::CommandLine, &code, reader, |bytes| {
            if terminal {
                let pct = (bytes as f64 / total as f64 * 100.0).min(100.0);
                let filled = (pct / 5.0) as usize;
                eprint!(
                    "\r[{}{}] {pct:5.1} %",
                    "#".repeat(filled),
                    " ".repeat(20 - filled.min(20))
                );
                let _ = std::io::stderr().flush();
            }
        })
        .await;
    if terminal {
        eprintln!();
    }
    match result {
        Ok(n) => {
            let secs = started.elapsed().as_secs_f64();
            println!(
                "{n} responses imported into {code} in {secs:.1} s ({:.0} rows/s).",
                n as f64 / secs.max(1e-9)
            );
            Ok(())
        }
        Err(e) => bail!("nothing was imported: {e}"),
    }
}

async fn create_user(
    db: &db::Db,
    email: &str,
    role: domain::Role,
    organisation: Option<&str>,
) -> Result<()> {
    let mut password = String::new();
    std::io::stdin()
        .read_line(&mut password)
        .context("reading the password from standard input")?;
    let password = password.trim_end_matches(['\r', '\n']);
    let account = db::accounts::create_account(
        db,
        &db::audit::Actor::CommandLine,
        email,
        role,
        organisation,
        password,
        chrono::Utc::now(),
    )
    .await
    .map_err(|e| match e {
        db::DbError::Invalid(message) => anyhow::anyhow!("{message}"),
        other => anyhow::Error::new(other),
    })?;
    println!(
        "Account created: {} ({}). They sign in at /login.",
        account.email,
        role.code()
    );
    Ok(())
}

async fn tokens(db: &db::Db, command: TokenCommand) -> Result<()> {
    let now = chrono::Utc::now();
    match command {
        TokenCommand::Create {
            name,
            role,
            organisation,
            expires,
        } => {
            let refused = |e| match e {
                db::DbError::Invalid(message) => anyhow::anyhow!("{message}"),
                db::DbError::Field { en, .. } => anyhow::anyhow!("--expires: {en}"),
                other => anyhow::Error::new(other),
            };
            let expires_at = db::tokens::parse_expiry(expires.as_deref().unwrap_or_default(), now)
                .map_err(refused)?;
            let token = db::tokens::create_token_until(
                db,
                &name,
                role.into(),
                organisation.as_deref(),
                expires_at,
                now,
            )
            .await
            .map_err(refused)?;
            println!(
                "Token created for {name:?}, valid until {}. Keep it now: it is not stored and cannot be shown again.",
                expires_at.format("%Y-%m-%d %H:%M UTC")
            );
            println!("{token}");
        }
        TokenCommand::List => {
            for t in db::tokens::list_tokens(db).await? {
                let state = match (t.revoked_at, t.expires_at) {
                    (Some(at), _) => format!("revoked {}", at.format("%Y-%m-%d %H:%M")),
                    (None, Some(at)) if at <= now => {
                        format!("expired {}", at.format("%Y-%m-%d %H:%M"))
                    }
                    (None, Some(at)) => format!("active, expires {}", at.format("%Y-%m-%d %H:%M")),
                    (None, None) => "active, no expiry".to_owned(),
                };
                let used = t.last_used_at.map_or_else(
                    || "never used".to_owned(),
                    |at| format!("last used {}", at.format("%Y-%m-%d %H:00")),
                );
                println!(
                    "{:>4}  {:<9} {:<20} created {}  {state}  {used}",
                    t.id,
                    t.role,
                    t.name,
                    t.created_at.format("%Y-%m-%d %H:%M")
                );
            }
        }
        TokenCommand::Revoke { id } => {
            db::tokens::revoke_token(db, id, now)
                .await
                .map_err(|e| match e {
                    db::DbError::NotFound(what) => anyhow::anyhow!("unknown {what}"),
                    other => anyhow::Error::new(other),
                })?;
            println!("Token {id} revoked.");
        }
    }
    Ok(())
}

/// The database, for a subcommand that reads it: it must be migrated already (a read-only
/// command does not change the schema behind a running `serve`).
async fn open_migrated(config: &Config) -> Result<db::Db> {
    let db = open(config).await?;
    if !db::pending_migrations(&db).await?.is_empty() {
        bail!("the database is not migrated: run `server migrate` first");
    }
    Ok(db)
}

/// The organisation of `code`, which may be left out while the instance holds one.
async fn organisation_of(db: &db::Db, code: Option<&str>) -> Result<i32> {
    db::structure::organisation_for(db, domain::Role::Referent, code)
        .await?
        .context("no organisation")
}

#[tokio::main]
async fn main() -> Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn,sea_orm=warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let config = Config::from_env().context("reading the configuration")?;
    match cli.command.unwrap_or(Command::Serve {
        seed_demo_if_empty: false,
    }) {
        Command::Serve { seed_demo_if_empty } => {
            let db = open(&config).await?;
            db::migrate_if_needed(&db)
                .await
                .context("applying migrations (as the schema's owner: `server migrate`)")?;
            if seed_demo_if_empty && db::demo::is_empty(&db).await? {
                seed(&db).await?;
            }
            let listener = tokio::net::TcpListener::bind(config.site_addr)
                .await
                .with_context(|| format!("listening on {}", config.site_addr))?;
            let base = config.public_base_url.clone();
            tracing::info!("serving on http://{}", listener.local_addr()?);
            println!(
                "Listening on http://{} (public address {base})",
                listener.local_addr()?
            );
            server::serve(AppState::new(config, db), listener).await?;
        }
        Command::Migrate => {
            let db = open(&config).await?;
            let pending = db::pending_migrations(&db).await?;
            db::migrate(&db).await.context("applying migrations")?;
            println!("{} migration(s) applied.", pending.len());
        }
        Command::GrantAppRole { role } => {
            let db = open(&config).await?;
            db::migrate(&db).await.context("applying migrations")?;
            for statement in db::roles::grant_app_role(&db, &role).await? {
                println!("{statement};");
            }
        }
        Command::SeedDemo => {
            let db = open(&config).await?;
            db::migrate(&db).await.context("applying migrations")?;
            seed(&db).await?;
        }
        Command::ExportResponses {
            format,
            output,
            touchpoint,
        } => {
            let db = open_migrated(&config).await?;
            db::audit::record(
                &db,
                chrono::Utc::now(),
                None,
                &db::audit::Actor::CommandLine,
                "responses.export",
                &format!(
                    "responses of {}",
                    touchpoint.as_deref().unwrap_or("every touchpoint")
                ),
                None,
                None,
            )
            .await
            .context("writing the export to the audit log")?;
            export(&db, touchpoint, format, output).await?;
        }
        Command::ExportTests {
            format,
            output,
            campaign,
            organisation,
        } => {
            let db = open_migrated(&config).await?;
            let org = organisation_of(&db, organisation.as_deref()).await?;
            let tests = db::mystery::results::campaign_tests(&db, org, &campaign, false)
                .await?
                .with_context(|| format!("unknown campaign {campaign:?}"))?;
            let mut out = Output::open(output)?;
            let count = server::export::mystery::write_tests(&tests, format.into(), out.writer())?;
            out.commit()?;
            eprintln!("{count} tests exported.");
        }
        Command::Report {
            from,
            to,
            compare_from,
            compare_to,
            scope,
            meeting,
            lang,
            organisation,
            output,
        } => {
            let db = open_migrated(&config).await?;
            let org = organisation_of(&db, organisation.as_deref()).await?;
            let name = db::structure::organisations(&db)
                .await?
                .into_iter()
                .find(|o| o.id == org)
                .map(|o| o.name)
                .unwrap_or_default();
            let pairs: Vec<(&str, String)> = [
                ("scope", scope),
                ("from", from),
                ("to", to),
                ("compare_from", compare_from),
                ("compare_to", compare_to),
            ]
            .into_iter()
            .filter_map(|(k, v)| v.map(|v| (k, v)))
            .collect();
            let query = serde_urlencoded::from_str(&serde_urlencoded::to_string(&pairs)?)?;
            let lang = match lang {
                ReportLang::Fr => domain::Lang::Fr,
                ReportLang::En => domain::Lang::En,
            };
            let state = AppState::new(config, db);
            let request = server::staff::report::ReportRequest {
                organisation_id: org,
                organisation_name: name,
                org_query: String::new(),
                lang,
                query,
                meeting,
            };
            let today = chrono::Utc::now()
                .with_timezone(&chrono_tz::Europe::Paris)
                .date_naive();
            let view = server::staff::report::build(
                &state,
                &request,
                today,
                server::staff::report::Printing::File,
            )
            .await?;
            if !view.errors.is_empty() {
                let messages: Vec<String> = view.errors.into_iter().map(|(_, m)| m).collect();
                bail!("{}", messages.join(" "));
            }
            let css = server::staff::report::print_css_of(&view);
            let pdf = server::export::pdf::print(&state.config.chromium, &view, &css).await?;
            let mut out = Output::open(Some(output.clone()))?;
            out.writer().write_all(&pdf)?;
            out.commit()?;
            eprintln!("{} written ({} KB).", output.display(), pdf.len() / 1024);
        }
        Command::ImportResponses { touchpoint, file } => {
            let db = open(&config).await?;
            db::migrate(&db).await.context("applying migrations")?;
            import(&db, &touchpoint, &file).await?;
        }
        Command::CreateUser {
            email,
            role,
            organisation,
            password_stdin: _,
        } => {
            let db = open(&config).await?;
            db::migrate(&db).await.context("applying migrations")?;
            create_user(&db, &email, role.into(), organisation.as_deref()).await?;
        }
        Command::ApiToken { command } => {
            let db = open(&config).await?;
            db::migrate(&db).await.context("applying migrations")?;
            tokens(&db, command).await?;
        }
    }
    Ok(())
}
