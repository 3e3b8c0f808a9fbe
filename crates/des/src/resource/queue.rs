//! The waiting line of a pool: first come first served, or by priority class.

use std::cmp::Ordering;
use std::collections::{BinaryHeap, VecDeque};

use crate::time::SimTime;

/// How a pool's waiting line is ordered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Discipline {
    /// First come, first served.
    #[default]
    Fifo,
    /// Lowest priority number first (0 is the most urgent); FIFO within a class.
    Priority,
}

/// A customer waiting, with when it joined the line.
pub(crate) struct Waiting<C> {
    pub item: C,
    pub since: SimTime,
    priority: u8,
    seq: u64,
}

impl<C> PartialEq for Waiting<C> {
    fn eq(&self, o: &Self) -> bool {
        self.priority == o.priority && self.seq == o.seq
    }
}
impl<C> Eq for Waiting<C> {}
impl<C> PartialOrd for Waiting<C> {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}
impl<C> Ord for Waiting<C> {
    /// Reversed: the heap pops the greatest, we want the lowest (priority, seq).
    fn cmp(&self, o: &Self) -> Ordering {
        (o.priority, o.seq).cmp(&(self.priority, self.seq))
    }
}

pub(crate) enum Line<C> {
    Fifo(VecDeque<Waiting<C>>),
    Priority(BinaryHeap<Waiting<C>>, u64),
}

impl<C> Line<C> {
    pub fn new(d: Discipline) -> Self {
        match d {
            Discipline::Fifo => Line::Fifo(VecDeque::new()),
            Discipline::Priority => Line::Priority(BinaryHeap::new(), 0),
        }
    }

    #[inline]
    pub fn len(&self) -> usize {
        match self {
            Line::Fifo(q) => q.len(),
            Line::Priority(h, _) => h.len(),
        }
    }

    #[inline]
    pub fn push(&mut self, item: C, since: SimTime, priority: u8) {
        match self {
            Line::Fifo(q) => q.push_back(Waiting { item, since, priority, seq: 0 }),
            Line::Priority(h, seq) => {
                *seq += 1;
                h.push(Waiting { item, since, priority, seq: *seq });
            }
        }
    }

    #[inline]
    pub fn pop(&mut self) -> Option<Waiting<C>> {
        match self {
            Line::Fifo(q) => q.pop_front(),
            Line::Priority(h, _) => h.pop(),
        }
    }
}
