//! Mounts the widget into the page (Trunk's entry point).

fn main() {
    yardstick::mount_all();
}
