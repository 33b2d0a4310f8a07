use std::process::ExitCode;

use api_server::config::{parse_args, Command, USAGE};
use api_server::{db, prepare, server};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let command = match parse_args(&args) {
        Ok(command) => command,
        Err(message) => {
            eprintln!("error: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let result = match command {
        Command::Help => {
            print!("{USAGE}");
            Ok(())
        }
        Command::AddUser {
            db,
            name,
            balance_cents,
            token,
        } => db::Db::open(&db).and_then(|(database, _)| {
            database
                .write(|c| db::add_user(c, &name, balance_cents, token.as_deref(), false))
                .map(|token| println!("{token}"))
                .map_err(|err| format!("cannot add the user: {err}"))
        }),
        Command::ImportImages { db, file } => import_images(&db, &file),
        Command::Serve(config) => run_server(config),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn import_images(db_path: &std::path::Path, file: &std::path::Path) -> Result<(), String> {
    let text = std::fs::read_to_string(file)
        .map_err(|err| format!("cannot read {}: {err}", file.display()))?;
    let images: Vec<db::ImageInput> = serde_json::from_str(&text)
        .map_err(|err| format!("{} is not a JSON array of images: {err}", file.display()))?;
    let (database, _) = db::Db::open(db_path)?;
    let count = database
        .write(|c| db::import_images(c, &images))
        .map_err(|err| format!("cannot import: {err}"))?;
    println!("imported {count} images");
    Ok(())
}

fn run_server(config: api_server::config::ServeConfig) -> Result<(), String> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|err| format!("cannot start the runtime: {err}"))?;
    runtime.block_on(async move {
        let prepared = prepare(&config).await?;
        let addr = prepared
            .listener
            .local_addr()
            .map_err(|err| format!("cannot read the bound address: {err}"))?;
        println!("Container Images API listening on http://{addr}");
        match &config.dist {
            Some(dist) => println!("  app:        http://{addr}/ (from {})", dist.display()),
            None => println!("  app:        not served (no --dist)"),
        }
        println!(
            "  database:   {}{}",
            config.db.display(),
            if prepared.created_database {
                " (new, seeded with the demo catalog)"
            } else {
                ""
            }
        );
        println!("  demo token: {}", prepared.demo_token);
        if config.faults.is_active() || config.fault_control {
            println!(
                "  faults:     {:?} (control endpoint: {})",
                config.faults, config.fault_control
            );
        }
        server::serve(prepared.listener, prepared.router)
            .await
            .map_err(|err| format!("server error: {err}"))
    })
}
