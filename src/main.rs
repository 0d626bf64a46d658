//! The `wenshu` command: dispatch, and the exit code set in one place.

fn main() {
    std::process::exit(wenshu::cli::main());
}
