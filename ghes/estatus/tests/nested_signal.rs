// SPDX-License-Identifier: GPL-2.0
//! Real same-thread nesting: a POSIX signal handler plays the NMI-like exception.
//!
//! A signal handler runs on the interrupted thread, between two of its instructions, and the
//! thread cannot continue until the handler returns: exactly the situation of an SEA/SDEI
//! handler interrupting a producer, the consumer, or a cache update on the same CPU. If any
//! operation waited for another context, the handler would wait for the thread it interrupted
//! and the test would hang. The handler allocates, fills and enqueues a record of its own
//! source, and looks up the duplicate cache, whose copies the interrupted thread may be
//! rewriting at that moment.

#![cfg(unix)]

use estatus::{CacheKey, DuplicateCache, Pool, Queue, SourceCounters};
use std::cell::Cell;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicU8, AtomicUsize, Ordering};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

const SLOTS: u32 = 8;
const CAPACITY: u32 = 64;
/// Records the interrupted thread queues, and signals the test sends at least.
const TASK_RECORDS: u64 = if cfg!(debug_assertions) {
    50_000
} else {
    500_000
};
const MIN_SIGNALS: u64 = if cfg!(debug_assertions) {
    2_000
} else {
    10_000
};
/// Handler records that are tracked one by one (later signals do nothing).
const NMI_CAP: u64 = 1 << 20;

const FREE: u64 = 0;
const TASK: u64 = 1 << 60;
const NMI: u64 = 2 << 60;
const SEQ_MASK: u64 = (1 << 60) - 1;

/// Per handler record: offered, then queued or dropped, then received by the consumer.
const QUEUED: u8 = 1;
const DROPPED: u8 = 2;
const RECEIVED: u8 = 3;

struct Shared {
    pool: Pool<'static>,
    queue: Queue<'static>,
    task: SourceCounters,
    nmi: SourceCounters,
    owner: Vec<AtomicU64>,
    payload: Vec<AtomicU64>,
    nmi_seq: AtomicU64,
    nmi_status: Vec<AtomicU8>,
    cache: DuplicateCache,
    /// Two halves per cache entry, written with a pause between them.
    copies: Vec<AtomicU64>,
    clock: AtomicU64,
    handler_runs: AtomicU64,
    nested_in_operation: AtomicU64,
    handler_cache_hits: AtomicU64,
    failures: AtomicU64,
}

static SHARED: OnceLock<Shared> = OnceLock::new();

thread_local! {
    /// Set while the thread is inside a pool, queue or cache operation.
    static IN_OPERATION: Cell<bool> = const { Cell::new(false) };
}

fn leak_words(n: usize) -> &'static [AtomicUsize] {
    Box::leak(
        (0..n)
            .map(|_| AtomicUsize::new(0))
            .collect::<Vec<_>>()
            .into_boxed_slice(),
    )
}

fn key(value: u64) -> CacheKey {
    CacheKey {
        len: 48,
        fingerprint: value,
    }
}

fn fail(sh: &Shared) {
    sh.failures.fetch_add(1, Ordering::Relaxed);
}

/// The "NMI": must not block, allocate or panic.
extern "C" fn on_signal(_signal: libc::c_int) {
    let Some(sh) = SHARED.get() else {
        return;
    };
    sh.handler_runs.fetch_add(1, Ordering::Relaxed);
    if IN_OPERATION.with(Cell::get) {
        sh.nested_in_operation.fetch_add(1, Ordering::Relaxed);
    }
    let seq = sh.nmi_seq.fetch_add(1, Ordering::Relaxed);
    let Some(status) = sh.nmi_status.get(seq as usize) else {
        return;
    };
    match sh.pool.reserve(CAPACITY, &sh.nmi) {
        Ok(slot) => {
            let i = slot.index() as usize;
            if sh.owner[i].swap(NMI | seq, Ordering::Relaxed) != FREE {
                fail(sh);
            }
            sh.payload[i].store(NMI | seq, Ordering::Relaxed);
            status.store(QUEUED, Ordering::Relaxed);
            if sh.queue.enqueue(slot, &sh.nmi).is_err() {
                fail(sh);
            }
        }
        Err(_) => status.store(DROPPED, Ordering::Relaxed),
    }
    let wanted = seq % 6 + 1;
    let found = sh
        .cache
        .lookup(key(wanted), sh.clock.load(Ordering::Relaxed), |slot| {
            let first = sh.copies[2 * slot.index()].load(Ordering::Relaxed);
            let second = sh.copies[2 * slot.index() + 1].load(Ordering::Relaxed);
            if first != second {
                fail(sh);
            }
            first == wanted
        });
    if found.suppresses_print() {
        sh.handler_cache_hits.fetch_add(1, Ordering::Relaxed);
    }
}

fn install_handler() {
    // SAFETY: a zeroed sigaction is valid; the handler is an `extern "C" fn(c_int)` that only
    // touches atomics and thread-local `Cell`s (async-signal-safe).
    unsafe {
        let mut action: libc::sigaction = std::mem::zeroed();
        action.sa_sigaction = on_signal as extern "C" fn(libc::c_int) as libc::sighandler_t;
        action.sa_flags = libc::SA_RESTART;
        libc::sigemptyset(&mut action.sa_mask);
        assert_eq!(
            libc::sigaction(libc::SIGUSR1, &action, std::ptr::null_mut()),
            0
        );
    }
}

fn block_signal() {
    // SAFETY: plain libc calls on a local, initialised signal set.
    unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        libc::sigaddset(&mut set, libc::SIGUSR1);
        assert_eq!(
            libc::pthread_sigmask(libc::SIG_BLOCK, &set, std::ptr::null_mut()),
            0
        );
    }
}

fn in_operation<R>(f: impl FnOnce() -> R) -> R {
    IN_OPERATION.with(|c| c.set(true));
    let r = f();
    IN_OPERATION.with(|c| c.set(false));
    r
}

/// The interrupted thread's work: queue `TASK_RECORDS` records, and now and then replace a
/// cache entry slowly (so signals land while its copy is half written).
fn task(sh: &Shared, signals_done: &AtomicBool) {
    let mut seq = 0u64;
    let mut round = 0u64;
    while seq < TASK_RECORDS || !signals_done.load(Ordering::Relaxed) {
        round += 1;
        if seq < TASK_RECORDS {
            let queued = in_operation(|| match sh.pool.reserve(CAPACITY, &sh.task) {
                Ok(slot) => {
                    let i = slot.index() as usize;
                    assert_eq!(sh.owner[i].swap(TASK | seq, Ordering::Relaxed), FREE);
                    sh.payload[i].store(TASK | seq, Ordering::Relaxed);
                    sh.queue.enqueue(slot, &sh.task).unwrap();
                    true
                }
                Err(_) => false,
            });
            if queued {
                seq += 1;
            } else {
                std::thread::yield_now();
            }
        }
        if round.is_multiple_of(32) {
            let value = round / 32 % 6 + 1;
            let now = sh.clock.fetch_add(3_000_000_000, Ordering::Relaxed);
            in_operation(|| {
                sh.cache.insert(key(value), now, |slot| {
                    sh.copies[2 * slot.index()].store(value, Ordering::Relaxed);
                    for _ in 0..50 {
                        std::hint::spin_loop();
                    }
                    sh.copies[2 * slot.index() + 1].store(value, Ordering::Relaxed);
                })
            });
        }
    }
    let s = sh.task.snapshot();
    assert_eq!(s.queued, TASK_RECORDS);
}

/// Drains until told that every other thread is done, then blocks the signal and drains the
/// rest. Checks ownership tags and the task's order, and marks handler records received.
fn consumer(sh: &Shared, others_done: &AtomicBool) {
    let mut next_task = 0u64;
    let mut last_pass = false;
    loop {
        let mut got = 0;
        in_operation(|| {
            for slot in sh.queue.drain() {
                let i = slot.index() as usize;
                let v = sh.payload[i].load(Ordering::Relaxed);
                assert_eq!(sh.owner[i].swap(FREE, Ordering::Relaxed), v, "slot {i}");
                let seq = v & SEQ_MASK;
                if v & !SEQ_MASK == TASK {
                    assert_eq!(seq, next_task, "task records out of order or lost");
                    next_task += 1;
                    sh.task.record_processed();
                } else {
                    assert_eq!(v & !SEQ_MASK, NMI, "slot {i}: bad payload {v:#x}");
                    let was = sh.nmi_status[seq as usize].swap(RECEIVED, Ordering::Relaxed);
                    assert_eq!(
                        was, QUEUED,
                        "handler record {seq} received twice or unqueued"
                    );
                    sh.nmi.record_processed();
                }
                sh.pool.free(slot).unwrap();
                got += 1;
            }
        });
        if last_pass && got == 0 {
            break;
        }
        if !last_pass && others_done.load(Ordering::Acquire) {
            block_signal();
            last_pass = true;
        }
        if got == 0 {
            std::thread::yield_now();
        }
    }
    assert_eq!(next_task, TASK_RECORDS);
}

#[test]
fn signal_handler_nests_inside_pool_queue_and_cache_operations() {
    let sh = SHARED.get_or_init(|| Shared {
        pool: Pool::new(leak_words(1), SLOTS, CAPACITY).unwrap(),
        queue: Queue::new(leak_words(SLOTS as usize), SLOTS).unwrap(),
        task: SourceCounters::new(),
        nmi: SourceCounters::new(),
        owner: (0..SLOTS).map(|_| AtomicU64::new(FREE)).collect(),
        payload: (0..SLOTS).map(|_| AtomicU64::new(0)).collect(),
        nmi_seq: AtomicU64::new(0),
        nmi_status: (0..NMI_CAP).map(|_| AtomicU8::new(0)).collect(),
        cache: DuplicateCache::new(),
        copies: (0..2 * estatus::CACHE_SLOTS)
            .map(|_| AtomicU64::new(0))
            .collect(),
        clock: AtomicU64::new(0),
        handler_runs: AtomicU64::new(0),
        nested_in_operation: AtomicU64::new(0),
        handler_cache_hits: AtomicU64::new(0),
        failures: AtomicU64::new(0),
    });
    install_handler();
    let start = Instant::now();
    let signals_done = AtomicBool::new(false);
    let others_done = AtomicBool::new(false);
    let task_thread = AtomicU64::new(0);
    let consumer_thread = AtomicU64::new(0);
    let signals_sent = std::thread::scope(|s| {
        let consumer = s.spawn(|| {
            // SAFETY: pthread_self() has no preconditions.
            consumer_thread.store(unsafe { libc::pthread_self() } as u64, Ordering::Release);
            consumer(sh, &others_done);
        });
        let worker = s.spawn(|| {
            // SAFETY: pthread_self() has no preconditions.
            task_thread.store(unsafe { libc::pthread_self() } as u64, Ordering::Release);
            task(sh, &signals_done);
        });
        let signaller = s.spawn(|| {
            let mut sent = 0u64;
            while task_thread.load(Ordering::Acquire) == 0
                || consumer_thread.load(Ordering::Acquire) == 0
            {
                std::thread::yield_now();
            }
            let targets = [
                task_thread.load(Ordering::Acquire),
                consumer_thread.load(Ordering::Acquire),
            ];
            while sh.handler_runs.load(Ordering::Relaxed) < MIN_SIGNALS
                || sh.task.snapshot().queued < TASK_RECORDS
            {
                assert!(start.elapsed() < Duration::from_secs(120), "stuck");
                for target in targets {
                    // SAFETY: both threads are alive until `signals_done` is set, which only
                    // this thread does, after its last pthread_kill.
                    let rc =
                        unsafe { libc::pthread_kill(target as libc::pthread_t, libc::SIGUSR1) };
                    assert_eq!(rc, 0);
                    sent += 1;
                }
                std::thread::sleep(Duration::from_micros(20));
            }
            signals_done.store(true, Ordering::Relaxed);
            sent
        });
        let sent = signaller.join().unwrap();
        worker.join().unwrap();
        others_done.store(true, Ordering::Release);
        consumer.join().unwrap();
        sent
    });

    let runs = sh.handler_runs.load(Ordering::Relaxed);
    let nested = sh.nested_in_operation.load(Ordering::Relaxed);
    assert_eq!(sh.failures.load(Ordering::Relaxed), 0);
    assert!(runs >= MIN_SIGNALS, "{runs} handler runs");
    assert!(nested > 0, "no signal landed inside an operation");
    assert_eq!(sh.pool.in_use(), 0);
    assert!(sh.queue.is_empty());

    let offered = sh.nmi_seq.load(Ordering::Relaxed).min(NMI_CAP) as usize;
    let mut received = 0;
    let mut dropped = 0;
    for (seq, status) in sh.nmi_status[..offered].iter().enumerate() {
        match status.load(Ordering::Relaxed) {
            RECEIVED => received += 1,
            DROPPED => dropped += 1,
            other => panic!("handler record {seq}: lost (status {other})"),
        }
    }
    let nmi = sh.nmi.snapshot();
    assert_eq!(nmi.queued, received);
    assert_eq!(nmi.processed, received);
    assert_eq!(nmi.dropped_pool_exhausted, dropped);
    assert_eq!(nmi.offered(), offered as u64);
    let task = sh.task.snapshot();
    assert_eq!((task.queued, task.processed), (TASK_RECORDS, TASK_RECORDS));
    eprintln!(
        "nested: {signals_sent} signals, {runs} handler runs ({nested} inside an operation), \
         handler records {received} queued / {dropped} dropped, {} cache hits, {:?}",
        sh.handler_cache_hits.load(Ordering::Relaxed),
        start.elapsed()
    );
}
