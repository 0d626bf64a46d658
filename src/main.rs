//! The `wenshu` command: dispatch, and the exit code set in one place.

/// Layout allocates and frees millions of small objects from several
/// threads at once; mimalloc serves them faster than glibc's malloc.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(wenshu::cli::commands::main());
}
