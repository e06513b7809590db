//! A small synchronous HTTP/1.1 server on `std::net`, bounded everywhere:
//! one thread accepts, one waits on every connection that has not sent a
//! whole request head yet (polling them without blocking, so idle or slow
//! clients hold a socket but never a thread, and each gets 10 s), a fixed
//! pool of workers answers, and requests that must wait for something (the
//! reload long poll) are parked on that same waiting thread. The standard
//! library has no way to wait on many sockets at once, and polling a few
//! hundred of them every few milliseconds costs next to nothing; an async
//! runtime would be a large dependency for a preview on one machine.

use super::wire::{self, MAX_HEAD, Request, Response, Scan};
use std::io::{ErrorKind, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long a client has to send a request head, on a new connection or
/// between two requests on a kept-alive one.
const HEAD_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a response may take to be taken by the client.
const WRITE_TIMEOUT: Duration = Duration::from_secs(10);
/// Open connections; more are answered 503 at once.
const MAX_CONNECTIONS: usize = 256;
/// Threads that answer requests (render pages, read static files).
const WORKERS: usize = 4;
/// Requests parked at once (one per open page); more are answered 503.
const MAX_PARKED: usize = 64;
/// Requests on one kept-alive connection.
const MAX_REQUESTS: usize = 100;
/// The waiting thread polls slowly when nothing happens, at once after
/// something did: a request a browser sends on a kept-alive connection is
/// seen within a few milliseconds without spinning.
const PAUSE: (Duration, Duration) = (Duration::from_millis(1), Duration::from_millis(10));

pub enum Answer {
    Now(Response),
    /// Ask again when [`Waker::wake`] is called; at `until`, send `then`.
    Wait {
        until: Instant,
        then: Response,
    },
}

/// What the server serves. A parked request is asked again on the waiting
/// thread, so answering it must be quick when it has to wait again.
pub trait Handler: Send + Sync + 'static {
    fn answer(&self, request: &Request) -> Answer;
}

/// Tells the server that parked requests may have their answer now.
#[derive(Clone)]
pub struct Waker(Sender<Event>);

impl Waker {
    pub fn wake(&self) {
        let _ = self.0.send(Event::Wake);
    }
}

enum Event {
    /// A connection waiting for its next request head.
    Read(Conn),
    /// A request whose answer has to wait.
    Park(Conn, Request, Instant, Response),
    Wake,
}

struct Conn {
    stream: TcpStream,
    /// Read and not parsed yet: the head in progress, or a next request.
    buf: Vec<u8>,
    scan: Scan,
    /// When the head in progress must be complete.
    deadline: Instant,
    served: usize,
    _open: Open,
}

/// One of [`MAX_CONNECTIONS`], given back when the connection is dropped.
struct Open(Arc<AtomicUsize>);

impl Drop for Open {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::Relaxed);
    }
}

/// [`Server::start`] starts the threads that answer; [`Server::run`]
/// accepts connections on the calling thread, for ever.
pub struct Server {
    listener: TcpListener,
    events: Sender<Event>,
}

impl Server {
    pub fn start(listener: TcpListener, handler: Arc<dyn Handler>) -> Server {
        let (events, inbox) = std::sync::mpsc::channel();
        let (jobs, queue) = std::sync::mpsc::channel::<(Conn, Request)>();
        let queue = Arc::new(Mutex::new(queue));
        for _ in 0..WORKERS {
            let (queue, events, handler) = (queue.clone(), events.clone(), handler.clone());
            // Workers render pages: as deep a stack as `build`'s threads.
            std::thread::Builder::new()
                .stack_size(crate::render::recursion::STACK)
                .spawn(move || {
                    while let Some((conn, request)) = next(&queue) {
                        work(conn, request, &*handler, &events);
                    }
                })
                .expect("the operating system starts a thread");
        }
        std::thread::spawn(move || wait(inbox, jobs, &*handler));
        Server { listener, events }
    }

    pub fn waker(&self) -> Waker {
        Waker(self.events.clone())
    }

    pub fn run(self) {
        let open = Arc::new(AtomicUsize::new(0));
        for stream in self.listener.incoming() {
            let Ok(mut stream) = stream else {
                // Out of file descriptors, most likely: let some close.
                std::thread::sleep(Duration::from_millis(10));
                continue;
            };
            if open.fetch_add(1, Ordering::Relaxed) >= MAX_CONNECTIONS {
                open.fetch_sub(1, Ordering::Relaxed);
                let _ = stream.set_nonblocking(true);
                let busy = Response::text(503, "Too many connections; try again");
                let _ = busy.write_small(&mut stream, true, true);
                continue;
            }
            let _ = stream.set_nodelay(true);
            let conn = Conn {
                stream,
                buf: Vec::new(),
                scan: Scan::default(),
                deadline: Instant::now() + HEAD_TIMEOUT,
                served: 0,
                _open: Open(open.clone()),
            };
            if self.events.send(Event::Read(conn)).is_err() {
                return;
            }
        }
    }
}

fn next(queue: &Mutex<Receiver<(Conn, Request)>>) -> Option<(Conn, Request)> {
    let queue = queue.lock().unwrap_or_else(|e| e.into_inner());
    queue.recv().ok()
}

/// A worker's part: answer, write, and hand the connection back.
fn work(mut conn: Conn, request: Request, handler: &dyn Handler, events: &Sender<Event>) {
    let answer =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| handler.answer(&request)))
            .unwrap_or_else(|_| Answer::Now(Response::text(500, "Internal error")));
    match answer {
        Answer::Now(response) => {
            if let Some(conn) = send(&mut conn, &request, &response).then_some(conn) {
                let _ = events.send(Event::Read(conn));
            }
        }
        Answer::Wait { until, then } => {
            let _ = events.send(Event::Park(conn, request, until, then));
        }
    }
}

/// Writes `response` within [`WRITE_TIMEOUT`]; whether the connection can
/// carry another request.
fn send(conn: &mut Conn, request: &Request, response: &Response) -> bool {
    let close = !request.keep_alive() || request.has_body() || conn.served + 1 >= MAX_REQUESTS;
    let deadline = Instant::now() + WRITE_TIMEOUT;
    let head = response.head(close);
    let body: &[u8] = match request.method.as_str() {
        "HEAD" => &[],
        _ => &response.body,
    };
    if conn.stream.set_nonblocking(false).is_err() {
        return false;
    }
    // Written in pieces, each given what remains of the time, so that a
    // client reading slowly cannot hold a worker longer than the timeout.
    for piece in std::iter::once(&head[..]).chain(body.chunks(64 * 1024)) {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero()
            || conn.stream.set_write_timeout(Some(left)).is_err()
            || conn.stream.write_all(piece).is_err()
        {
            return false;
        }
    }
    conn.served += 1;
    conn.deadline = Instant::now() + HEAD_TIMEOUT;
    !close
}

/// The waiting thread: reads request heads without blocking on any one
/// client, hands complete ones to the workers, and holds parked requests.
fn wait(inbox: Receiver<Event>, jobs: Sender<(Conn, Request)>, handler: &dyn Handler) {
    let mut reading: Vec<Conn> = Vec::new();
    let mut parked: Vec<(Conn, Request, Instant, Response)> = Vec::new();
    let mut pause = PAUSE.0;
    loop {
        let now = Instant::now();
        let next_deadline = parked.iter().map(|p| p.2).min();
        let timeout = match (reading.is_empty(), next_deadline) {
            (false, d) => Some(d.map_or(pause, |d| pause.min(d.saturating_duration_since(now)))),
            (true, d) => d.map(|d| d.saturating_duration_since(now)),
        };
        let first = match timeout {
            Some(t) => inbox.recv_timeout(t),
            None => inbox.recv().map_err(|_| RecvTimeoutError::Disconnected),
        };
        let mut events = match first {
            Ok(event) => vec![event],
            Err(RecvTimeoutError::Timeout) => Vec::new(),
            Err(RecvTimeoutError::Disconnected) => return,
        };
        events.extend(inbox.try_iter());
        let mut busy = !events.is_empty();
        let mut woken = false;
        for event in events {
            match event {
                Event::Read(conn) => {
                    if conn.stream.set_nonblocking(true).is_ok() {
                        reading.push(conn);
                    }
                }
                // Asked again at once: what it waits for may have happened
                // between the worker's question and now.
                Event::Park(conn, request, until, then) => {
                    woken = true;
                    parked.push((conn, request, until, then));
                }
                Event::Wake => woken = true,
            }
        }
        busy |= read_heads(&mut reading, &jobs);
        let now = Instant::now();
        let mut still = Vec::with_capacity(parked.len());
        for (mut conn, request, until, then) in parked.drain(..) {
            let response = match until <= now {
                true => then,
                false if !woken => {
                    still.push((conn, request, until, then));
                    continue;
                }
                false => match handler.answer(&request) {
                    Answer::Now(response) => response,
                    Answer::Wait { .. } if still.len() < MAX_PARKED => {
                        still.push((conn, request, until, then));
                        continue;
                    }
                    Answer::Wait { .. } => Response::text(503, "Too many pages waiting to reload"),
                },
            };
            // Small answers: the socket's buffer takes them at once.
            if conn.stream.set_nonblocking(true).is_ok()
                && send_small(&mut conn, &request, &response)
            {
                reading.push(conn);
            }
        }
        parked = still;
        pause = match busy {
            true => PAUSE.0,
            false => (pause * 2).min(PAUSE.1),
        };
    }
}

/// [`send`] for the waiting thread: one write that fails rather than block.
fn send_small(conn: &mut Conn, request: &Request, response: &Response) -> bool {
    let close = !request.keep_alive() || conn.served + 1 >= MAX_REQUESTS;
    let written = response.write_small(&mut conn.stream, request.method != "HEAD", close);
    conn.served += 1;
    conn.deadline = Instant::now() + HEAD_TIMEOUT;
    written.is_ok() && !close
}

/// Reads what each connection has sent; whether any made progress.
fn read_heads(reading: &mut Vec<Conn>, jobs: &Sender<(Conn, Request)>) -> bool {
    let mut progress = false;
    let now = Instant::now();
    let mut chunk = [0u8; 4096];
    let mut still = Vec::with_capacity(reading.len());
    for mut conn in reading.drain(..) {
        let closed = loop {
            match conn.stream.read(&mut chunk) {
                Ok(0) => break true,
                Ok(n) => {
                    progress = true;
                    conn.buf.extend_from_slice(&chunk[..n]);
                    if conn.buf.len() > MAX_HEAD {
                        break false;
                    }
                }
                Err(e) if e.kind() == ErrorKind::WouldBlock => break false,
                Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                Err(_) => break true,
            }
        };
        match wire::head_end(&conn.buf, &mut conn.scan) {
            Some(head) if head.len() > MAX_HEAD => refuse(conn, 431),
            Some(head) => {
                let request = wire::parse(&conn.buf[head.clone()]);
                conn.buf.drain(..head.end);
                match request {
                    Ok(request) => {
                        let _ = jobs.send((conn, request));
                    }
                    Err(status) => refuse(conn, status),
                }
            }
            None if conn.buf.len() > MAX_HEAD => refuse(conn, 431),
            // A head begun and cut short is answered; silence is not.
            None if conn.deadline <= now && !conn.buf.is_empty() && !closed => refuse(conn, 408),
            None if closed || conn.deadline <= now => {}
            None => still.push(conn),
        }
    }
    *reading = still;
    progress
}

/// Answers `status` and closes: the request cannot be read.
fn refuse(mut conn: Conn, status: u16) {
    let response = Response::text(status, wire::reason(status));
    let _ = response.write_small(&mut conn.stream, true, true);
}
