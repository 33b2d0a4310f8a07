//! The command line.

use std::net::SocketAddr;
use std::path::PathBuf;

use crate::faults::FaultSettings;
use crate::seed::{Builds, MAX_BUILDS};

/// Usage text for `--help` and mistakes.
pub const USAGE: &str = "\
Container Images API: reference server on SQLite, serving the built app too.

USAGE:
    api-server [serve] [OPTIONS]
    api-server add-user --db PATH [--name NAME] [--balance DOLLARS] [--token TOKEN]
    api-server import-images --db PATH FILE.json

SERVE OPTIONS:
    --addr HOST:PORT          Address to listen on [default: 127.0.0.1:8080]; port 0 picks a free one
    --db PATH                 SQLite database; created and seeded if missing [default: catalog.db]
    --seed-builds N           Seed a new database with N builds of every image (1-300), a catalog
                              of real scale (112: about 10,000 entries) [default: the demo's 1-4]
    --dist DIR                Serve the built app from DIR (trunk's dist/)
    --app-config-as-is        Serve DIR's config.json unchanged, without marking this server as the
                              demo's (for builds of the app older than that mark, e.g. a benchmark's
                              baseline)
    --demo-token TOKEN        Ensure a demo user with this token (else one is reused or created)
    --demo-balance DOLLARS    Starting balance of a new demo user [default: 100]
    --cors-origin ORIGIN      Allow this origin to call the API (repeatable); CORS is off without it
    --quiet                   Do not log one line per request
    --fault-latency-ms N      Add N ms to every API response
    --fault-error-rate F      Answer a share F (0-1) of API requests with the endpoint's 500
    --fault-malformed-rate F  Answer a share F (0-1) of API requests with a truncated JSON body
    --fault-seed N            Seed of the fault randomness [default: 1]
    --fault-control           Allow changing faults at run time with POST /__faults (tests only)
    -h, --help                Show this help
";

/// What to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    Serve(ServeConfig),
    AddUser {
        db: PathBuf,
        name: String,
        balance_cents: i64,
        token: Option<String>,
    },
    ImportImages {
        db: PathBuf,
        file: PathBuf,
    },
    Help,
}

/// Settings of the server.
#[derive(Debug, Clone, PartialEq)]
pub struct ServeConfig {
    pub addr: SocketAddr,
    pub db: PathBuf,
    pub dist: Option<PathBuf>,
    pub app_config_as_is: bool,
    pub demo_token: Option<String>,
    pub demo_balance_cents: i64,
    pub seed_builds: Builds,
    pub cors_origins: Vec<String>,
    pub quiet: bool,
    pub faults: FaultSettings,
    pub fault_seed: u64,
    pub fault_control: bool,
}

impl Default for ServeConfig {
    fn default() -> Self {
        Self {
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            db: PathBuf::from("catalog.db"),
            dist: None,
            app_config_as_is: false,
            demo_token: None,
            demo_balance_cents: 10_000,
            seed_builds: Builds::Demo,
            cors_origins: Vec::new(),
            quiet: false,
            faults: FaultSettings::default(),
            fault_seed: 1,
            fault_control: false,
        }
    }
}

fn parse_dollars(flag: &str, value: &str) -> Result<i64, String> {
    value
        .parse::<f64>()
        .ok()
        .filter(|d| d.is_finite() && *d >= 0.0 && *d <= 1e9)
        .map(|d| (d * 100.0).round() as i64)
        .ok_or_else(|| {
            format!("{flag} must be an amount in dollars such as 25 or 9.99, not '{value}'")
        })
}

fn parse_rate(flag: &str, value: &str) -> Result<f64, String> {
    value
        .parse::<f64>()
        .ok()
        .filter(|r| (0.0..=1.0).contains(r))
        .ok_or_else(|| format!("{flag} must be a number from 0 to 1, not '{value}'"))
}

fn parse_token(flag: &str, value: &str) -> Result<String, String> {
    let valid =
        !value.is_empty() && value.len() <= 256 && value.bytes().all(|b| b.is_ascii_graphic());
    if valid {
        Ok(value.to_string())
    } else {
        Err(format!(
            "{flag} must be printable ASCII without spaces (1 to 256 characters)"
        ))
    }
}

/// Parses the arguments after the program name.
pub fn parse_args(args: &[String]) -> Result<Command, String> {
    let (command, rest) = match args.first().map(String::as_str) {
        Some("serve") => ("serve", &args[1..]),
        Some("add-user") => ("add-user", &args[1..]),
        Some("import-images") => ("import-images", &args[1..]),
        _ => ("serve", args),
    };
    let mut serve = ServeConfig::default();
    let mut name = "User".to_string();
    let mut balance_cents = 0;
    let mut token = None;
    let mut db_given = false;
    let mut positional = Vec::new();
    let mut iter = rest.iter();
    while let Some(arg) = iter.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => (flag, Some(value.to_string())),
            _ => (arg.as_str(), None),
        };
        let mut value = || -> Result<String, String> {
            inline
                .clone()
                .or_else(|| iter.next().cloned())
                .ok_or_else(|| format!("{flag} needs a value"))
        };
        match (command, flag) {
            (_, "-h" | "--help") => return Ok(Command::Help),
            (_, "--db") => {
                serve.db = PathBuf::from(value()?);
                db_given = true;
            }
            ("serve", "--addr") => {
                let v = value()?;
                serve.addr = v.parse().map_err(|_| {
                    format!("--addr must be HOST:PORT such as 127.0.0.1:8080, not '{v}'")
                })?;
            }
            ("serve", "--dist") => serve.dist = Some(PathBuf::from(value()?)),
            ("serve", "--demo-token") => serve.demo_token = Some(parse_token(flag, &value()?)?),
            ("serve", "--demo-balance") => {
                serve.demo_balance_cents = parse_dollars(flag, &value()?)?
            }
            ("serve", "--cors-origin") => {
                let origin = value()?;
                if !(origin.starts_with("http://") || origin.starts_with("https://"))
                    || origin.ends_with('/')
                {
                    return Err(format!("--cors-origin must be an origin such as https://app.example.com, not '{origin}'"));
                }
                serve.cors_origins.push(origin);
            }
            ("serve", "--quiet") => serve.quiet = true,
            ("serve", "--app-config-as-is") => serve.app_config_as_is = true,
            ("serve", "--seed-builds") => {
                let v = value()?;
                let count = v
                    .parse::<u32>()
                    .ok()
                    .filter(|n| (1..=MAX_BUILDS).contains(n));
                let count = count.ok_or_else(|| {
                    format!(
                        "--seed-builds must be a whole number from 1 to {MAX_BUILDS}, not '{v}'"
                    )
                })?;
                serve.seed_builds = Builds::Each(count);
            }
            ("serve", "--fault-latency-ms") => {
                let v = value()?;
                serve.faults.latency_ms = v.parse().map_err(|_| {
                    format!("--fault-latency-ms must be a whole number of milliseconds, not '{v}'")
                })?;
            }
            ("serve", "--fault-error-rate") => {
                serve.faults.error_rate = parse_rate(flag, &value()?)?
            }
            ("serve", "--fault-malformed-rate") => {
                serve.faults.malformed_rate = parse_rate(flag, &value()?)?
            }
            ("serve", "--fault-seed") => {
                let v = value()?;
                serve.fault_seed = v
                    .parse()
                    .map_err(|_| format!("--fault-seed must be a whole number, not '{v}'"))?;
            }
            ("serve", "--fault-control") => serve.fault_control = true,
            ("add-user", "--name") => name = value()?,
            ("add-user", "--balance") => balance_cents = parse_dollars(flag, &value()?)?,
            ("add-user", "--token") => token = Some(parse_token(flag, &value()?)?),
            (_, other) if other.starts_with('-') => {
                return Err(format!("unknown option '{other}' for {command}"));
            }
            (_, other) => positional.push(other.to_string()),
        }
    }
    if serve.faults.error_rate + serve.faults.malformed_rate > 1.0 {
        return Err(
            "--fault-error-rate and --fault-malformed-rate add up to more than 1".to_string(),
        );
    }
    match command {
        "serve" if positional.is_empty() => Ok(Command::Serve(serve)),
        "add-user" if positional.is_empty() && db_given => Ok(Command::AddUser {
            db: serve.db,
            name,
            balance_cents,
            token,
        }),
        "import-images" if positional.len() == 1 && db_given => Ok(Command::ImportImages {
            db: serve.db,
            file: PathBuf::from(&positional[0]),
        }),
        "add-user" | "import-images" if !db_given => Err(format!("{command} needs --db PATH")),
        _ => Err(format!(
            "unexpected argument '{}'",
            positional.first().cloned().unwrap_or_default()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn defaults() {
        assert_eq!(
            parse_args(&[]).unwrap(),
            Command::Serve(ServeConfig::default())
        );
    }

    #[test]
    fn every_serve_option() {
        let command = parse_args(&args(&[
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--db=/tmp/x.db",
            "--dist",
            "dist",
            "--demo-token",
            "tok",
            "--demo-balance",
            "25.50",
            "--cors-origin",
            "https://app.example.com",
            "--quiet",
            "--app-config-as-is",
            "--fault-latency-ms",
            "200",
            "--fault-error-rate",
            "0.25",
            "--fault-malformed-rate",
            "0.1",
            "--fault-seed",
            "9",
            "--fault-control",
            "--seed-builds",
            "40",
        ]))
        .unwrap();
        let Command::Serve(config) = command else {
            panic!("not serve")
        };
        assert_eq!(config.addr.port(), 0);
        assert_eq!(config.db, PathBuf::from("/tmp/x.db"));
        assert_eq!(config.dist, Some(PathBuf::from("dist")));
        assert_eq!(config.demo_token.as_deref(), Some("tok"));
        assert_eq!(config.demo_balance_cents, 2550);
        assert_eq!(config.cors_origins, vec!["https://app.example.com"]);
        assert!(config.quiet && config.fault_control && config.app_config_as_is);
        assert_eq!(config.faults.latency_ms, 200);
        assert_eq!(config.faults.error_rate, 0.25);
        assert_eq!(config.faults.malformed_rate, 0.1);
        assert_eq!(config.fault_seed, 9);
        assert_eq!(config.seed_builds, Builds::Each(40));
    }

    #[test]
    fn subcommands() {
        assert_eq!(
            parse_args(&args(&[
                "add-user",
                "--db",
                "a.db",
                "--balance",
                "10",
                "--name",
                "Ann"
            ]))
            .unwrap(),
            Command::AddUser {
                db: "a.db".into(),
                name: "Ann".into(),
                balance_cents: 1000,
                token: None
            }
        );
        assert_eq!(
            parse_args(&args(&["import-images", "--db", "a.db", "extra.json"])).unwrap(),
            Command::ImportImages {
                db: "a.db".into(),
                file: "extra.json".into()
            }
        );
        assert_eq!(parse_args(&args(&["--help"])).unwrap(), Command::Help);
    }

    #[test]
    fn mistakes_are_explained() {
        for (bad, expected) in [
            (vec!["--addr", "nowhere"], "--addr must be HOST:PORT"),
            (vec!["--addr"], "--addr needs a value"),
            (vec!["--bogus"], "unknown option '--bogus'"),
            (vec!["--fault-error-rate", "2"], "from 0 to 1"),
            (vec!["--demo-balance", "-5"], "amount in dollars"),
            (vec!["--demo-token", "has space"], "printable ASCII"),
            (
                vec!["--cors-origin", "app.example.com"],
                "must be an origin",
            ),
            (vec!["add-user"], "needs --db"),
            (vec!["--seed-builds", "0"], "from 1 to 300"),
            (vec!["--seed-builds", "many"], "from 1 to 300"),
            (vec!["stray"], "unexpected argument 'stray'"),
            (
                vec!["--fault-error-rate", "0.7", "--fault-malformed-rate", "0.7"],
                "more than 1",
            ),
        ] {
            let err = parse_args(&args(&bad)).unwrap_err();
            assert!(err.contains(expected), "{bad:?}: {err}");
        }
    }
}
