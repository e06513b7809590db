//! The AFL harness: `charter-fuzz TARGET` runs one of `charter::fuzz`'s
//! targets in AFL's persistent mode (see `run.sh`); run outside AFL, it
//! reads one input on standard input, to replay a finding.

use charter::fuzz::Target;

fn main() {
    let name = std::env::args().nth(1).unwrap_or_default();
    let Some(target) = Target::from_name(&name) else {
        let names: Vec<&str> = Target::ALL.iter().map(|t| t.name()).collect();
        eprintln!("usage: charter-fuzz TARGET, one of: {}", names.join(", "));
        std::process::exit(2);
    };
    afl::fuzz!(|data: &[u8]| {
        // Threads do not survive AFL's fork: the pool is made after it.
        charter::fuzz::init();
        target.run(data);
    });
}
