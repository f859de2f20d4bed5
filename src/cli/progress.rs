//! A progress bar on stderr, drawn only when stderr is a terminal (never in pipes, logs
//! or tests), safe to tick from several threads.

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

pub struct Progress {
    label: String,
    total: usize,
    done: AtomicUsize,
    enabled: bool,
    lock: Mutex<()>,
}

impl Progress {
    pub fn new(label: &str, total: usize) -> Self {
        let p = Progress {
            label: label.to_string(),
            total,
            done: AtomicUsize::new(0),
            enabled: std::io::stderr().is_terminal() && total > 0,
            lock: Mutex::new(()),
        };
        p.draw(0);
        p
    }

    /// One more item done.
    pub fn tick(&self) {
        let n = self.done.fetch_add(1, Ordering::SeqCst) + 1;
        self.draw(n);
    }

    fn draw(&self, n: usize) {
        if !self.enabled {
            return;
        }
        let _guard = self.lock.lock();
        const WIDTH: usize = 30;
        let filled = (n * WIDTH).checked_div(self.total).unwrap_or(WIDTH);
        let bar: String = "#".repeat(filled) + &" ".repeat(WIDTH - filled);
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r{} [{bar}] {n}/{}", self.label, self.total);
        let _ = err.flush();
    }

    /// Clears the bar's line.
    pub fn finish(&self) {
        if self.enabled {
            let _guard = self.lock.lock();
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r\x1b[2K");
            let _ = err.flush();
        }
    }
}
