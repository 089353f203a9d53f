//! A program the tests start with std::process::Command: under WALI it is a
//! Wasm module, so the tests spawn a module as well as native programs.
use std::io::{Read, Write};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("upper") => {
            let mut input = String::new();
            std::io::stdin().read_to_string(&mut input).unwrap();
            print!("{}", input.to_uppercase());
        }
        Some("args") => println!("{}", args[1..].join("|")),
        Some("env") => println!("{}", std::env::var(&args[1]).unwrap_or_else(|_| "<unset>".into())),
        Some("cwd") => println!("{}", std::env::current_dir().unwrap().display()),
        Some("exit") => std::process::exit(args[1].parse().unwrap()),
        Some("stderr") => {
            eprint!("to stderr");
            std::io::stderr().flush().unwrap();
        }
        Some("panic") => panic!("helper panicked on purpose"),
        other => {
            eprintln!("helper: unknown mode {other:?}");
            std::process::exit(2);
        }
    }
}
