//! `incidex serve`: the index in a browser, read-only, on loopback unless told otherwise.

use std::net::SocketAddr;

use clap::Args;

use super::args::IndexArg;
use super::exit;

#[derive(Debug, Args)]
#[command(
    after_help = "Pages: /search, /records/ID, /stats, /help; JSON: /api/search, \
/api/records/ID, /api/stats. Ctrl-C stops the server.

Examples:
  incidex serve
  incidex serve --index ~/incidents-idx --addr 127.0.0.1:9000"
)]
pub struct ServeArgs {
    #[command(flatten)]
    pub index: IndexArg,

    /// Address and port to listen on.
    ///
    /// Default: 127.0.0.1:8080, this machine only: the documents about leaks are personal
    /// data themselves. Any other address is reachable by others and prints a warning.
    /// Port 0 takes a free port (printed). Example: --addr 127.0.0.1:9000
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
}

pub fn run(args: ServeArgs) -> anyhow::Result<i32> {
    let index = incidex::index::open(&args.index.index)?;
    let index_name = args.index.index.display().to_string();
    let app = incidex::serve::App::new(index, index_name.clone())?;
    if !args.addr.ip().is_loopback() {
        crate::err_line!(
            args.addr,
            "warning: this address can be reached from other machines, and the indexed \
             documents hold personal data; there is no login"
        );
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(args.addr)
            .await
            .map_err(|e| anyhow::anyhow!("cannot listen on {}: {}", args.addr, e))?;
        let bound = listener.local_addr()?;
        // The first line on stdout is the address, for scripts and tests to read.
        println!("incidex: serving {index_name} at http://{bound}/ (Ctrl-C stops)");
        axum::serve(listener, incidex::serve::router(app))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await?;
        anyhow::Ok(())
    })?;
    Ok(exit::OK)
}
