//! Synthetic cases and the store that holds the ones currently in the pipeline.
//!
//! Only cases in custody (or in transit to it) are stored; a case is dropped the moment it
//! leaves, so memory follows the number of people in the system, not all ever arrested.
//! Slots are reused; each carries a generation so events addressed to a departed case
//! are recognised and ignored (lazy cancellation).

use des::SimTime;

/// Where a stored case is in the pipeline. Every stored case is in exactly one phase.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Phase {
    /// Booking and transport to a facility (not yet detained).
    InTransit = 0,
    /// Held by CBP waiting for an ICE bed.
    CbpHold = 1,
    /// Detained, waiting for or in a detained-docket hearing.
    Court = 2,
    /// Detained with an order, waiting for travel documents.
    AwaitingDocs = 3,
    /// Detained, being moved to a hub or waiting for a seat or land slot.
    AwaitingTransport = 4,
    /// Detained, waiting to leave on voluntary departure.
    Voluntary = 5,
}

/// Number of phases.
pub const PHASES: usize = 6;

impl Phase {
    /// True if the case occupies a detention bed in this phase.
    pub fn detained(self) -> bool {
        !matches!(self, Phase::InTransit | Phase::CbpHold)
    }
}

/// One synthetic person in the pipeline. Nothing here identifies anyone: it is a bundle
/// of category labels and timestamps drawn from aggregate distributions.
#[derive(Clone, Copy, Debug)]
pub struct Case {
    pub generation: u32,
    pub home: u16,
    pub held_in: u16,
    pub facility: u8,
    pub channel: u8,
    pub category: u8,
    pub nationality: u8,
    pub track: u8,
    /// Bumped when the release hazard changes and the release time is drawn again; a
    /// release event carrying an older value is stale.
    pub release_epoch: u8,
    pub phase: Phase,
    pub arrested_at: SimTime,
    pub booked_at: SimTime,
}

/// A reference to a case that stays valid only while the case does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CaseRef {
    pub id: u32,
    pub generation: u32,
}

/// Slab of live cases with phase counts kept in step.
#[derive(Default)]
pub struct Cases {
    slots: Vec<Case>,
    live: Vec<bool>,
    free: Vec<u32>,
    /// Phase counts, all offices.
    pub in_phase: [i64; PHASES],
    /// Phase counts by home office.
    pub by_home: Vec<[i64; PHASES]>,
    /// Live cases.
    pub count: i64,
}

impl Cases {
    /// Stores a new case; returns its reference.
    pub fn insert(&mut self, mut c: Case) -> CaseRef {
        self.in_phase[c.phase as usize] += 1;
        if self.by_home.len() <= c.home as usize {
            self.by_home.resize(c.home as usize + 1, [0; PHASES]);
        }
        self.by_home[c.home as usize][c.phase as usize] += 1;
        self.count += 1;
        match self.free.pop() {
            Some(id) => {
                c.generation = self.slots[id as usize].generation.wrapping_add(1);
                self.slots[id as usize] = c;
                self.live[id as usize] = true;
                CaseRef { id, generation: c.generation }
            }
            None => {
                c.generation = 0;
                self.slots.push(c);
                self.live.push(true);
                CaseRef { id: (self.slots.len() - 1) as u32, generation: 0 }
            }
        }
    }

    /// The case, if the reference is still current.
    #[inline]
    pub fn get(&self, r: CaseRef) -> Option<&Case> {
        let i = r.id as usize;
        (self.live[i] && self.slots[i].generation == r.generation).then(|| &self.slots[i])
    }

    /// Moves a case to another phase.
    #[inline]
    pub fn set_phase(&mut self, r: CaseRef, phase: Phase) {
        let c = &mut self.slots[r.id as usize];
        self.in_phase[c.phase as usize] -= 1;
        self.in_phase[phase as usize] += 1;
        let home = &mut self.by_home[c.home as usize];
        home[c.phase as usize] -= 1;
        home[phase as usize] += 1;
        c.phase = phase;
    }

    /// Mutable access (caller must have checked the reference with `get`).
    #[inline]
    pub fn slot_mut(&mut self, r: CaseRef) -> &mut Case {
        &mut self.slots[r.id as usize]
    }

    /// Removes a case; later events for it are ignored.
    pub fn remove(&mut self, r: CaseRef) -> Case {
        let c = self.slots[r.id as usize];
        self.in_phase[c.phase as usize] -= 1;
        self.by_home[c.home as usize][c.phase as usize] -= 1;
        self.count -= 1;
        self.live[r.id as usize] = false;
        self.free.push(r.id);
        c
    }

    /// Iterates over live cases (end-of-run accounting only).
    pub fn iter_live(&self) -> impl Iterator<Item = &Case> {
        self.slots.iter().zip(&self.live).filter(|(_, l)| **l).map(|(c, _)| c)
    }

    /// References to the live cases in `phase` (rare bulk updates only).
    pub fn refs_in(&self, phase: Phase) -> Vec<CaseRef> {
        (0..self.slots.len())
            .filter(|&i| self.live[i] && self.slots[i].phase == phase)
            .map(|i| CaseRef { id: i as u32, generation: self.slots[i].generation })
            .collect()
    }

    /// Slots ever allocated (peak number of cases in the system).
    pub fn capacity(&self) -> usize {
        self.slots.len()
    }
}

/// The phase with index `i`.
pub fn phase_from(i: usize) -> Phase {
    [
        Phase::InTransit,
        Phase::CbpHold,
        Phase::Court,
        Phase::AwaitingDocs,
        Phase::AwaitingTransport,
        Phase::Voluntary,
    ][i]
}
