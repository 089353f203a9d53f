//! env::args, env::vars (sorted), process::exit with the status in argv[1].
use std::env;
use std::io::Write;

fn main() {
    let args: Vec<String> = env::args().collect();
    println!("{} args", args.len());
    for (i, a) in args.iter().enumerate().skip(1) {
        println!("arg {i}: {a:?}");
    }
    let mut vars: Vec<(String, String)> = env::vars().collect();
    vars.sort();
    println!("{} vars", vars.len());
    for (k, v) in &vars {
        println!("var {k}={v:?}");
    }
    println!("HOME: {:?}", env::var("HOME").ok());
    println!("current_dir: {:?}", env::current_dir().map_err(|e| e.kind()));
    std::io::stdout().flush().unwrap();
    let code = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    std::process::exit(code);
}
