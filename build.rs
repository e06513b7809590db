//! The built-in theme and `init`'s scaffold are compiled into the binary
//! (`include_dir!`), which cargo does not know to watch on a stable
//! toolchain: without this, a template added or edited would leave the
//! binary as it was.

fn main() {
    println!("cargo:rerun-if-changed=themes/default");
    println!("cargo:rerun-if-changed=src/cmd/scaffold");
}
