//! Wall and CPU time of each build stage, printed by `handbook build --timings`.

use std::fmt;
use std::time::{Duration, Instant};

/// The stages of one build in the order they ran.
#[derive(Debug, Clone)]
pub struct Timings {
    stages: Vec<Stage>,
    started: Clock,
    lap: Clock,
    /// Work measured apart inside the running stage (`measure`), shown after it.
    parts: Vec<Stage>,
}

/// One stage and how long it took.
#[derive(Debug, Clone)]
struct Stage {
    name: &'static str,
    wall: Duration,
    /// CPU time of every thread during the stage, where the platform reports it.
    cpu: Option<Duration>,
    /// Work done on a thread of its own beside the stage it is shown after: its wall time
    /// only (the process's CPU time then counts the stage's work too), not taken from the stage's.
    beside: bool,
}

#[derive(Debug, Clone, Copy)]
struct Clock {
    wall: Instant,
    cpu: Option<Duration>,
}

impl Clock {
    fn now() -> Clock {
        Clock {
            wall: Instant::now(),
            cpu: process_cpu_time(),
        }
    }

    fn since(&self, earlier: &Clock) -> (Duration, Option<Duration>) {
        let cpu = match (self.cpu, earlier.cpu) {
            (Some(now), Some(then)) => Some(now.saturating_sub(then)),
            _ => None,
        };
        (self.wall - earlier.wall, cpu)
    }
}

impl Timings {
    pub fn start() -> Timings {
        let now = Clock::now();
        Timings {
            stages: Vec::new(),
            started: now,
            lap: now,
            parts: Vec::new(),
        }
    }

    /// Ends the running stage, named `name`; the next stage starts now.
    pub fn lap(&mut self, name: &'static str) {
        let now = Clock::now();
        let (mut wall, mut cpu) = now.since(&self.lap);
        for part in self.parts.iter().filter(|part| !part.beside) {
            wall = wall.saturating_sub(part.wall);
            cpu = match (cpu, part.cpu) {
                (Some(whole), Some(part)) => Some(whole.saturating_sub(part)),
                _ => None,
            };
        }
        self.stages.push(Stage {
            name,
            wall,
            cpu,
            beside: false,
        });
        self.stages.append(&mut self.parts);
        self.lap = now;
    }

    /// Runs `work` inside the running stage, and shows its time as a stage of its own, `name`,
    /// after that stage (which is shown without it): a build indexes and writes each batch of
    /// pages between rendering them. Work measured under one name adds up.
    pub fn measure<T>(&mut self, name: &'static str, work: impl FnOnce() -> T) -> T {
        self.measure_part(name, false, work)
    }

    /// Like `measure`, for work that runs on a thread of its own while the stage goes on (a
    /// build indexes and writes each batch while the next renders): shown after the stage with
    /// its wall time only, and not taken from the stage's times, which include its CPU time.
    pub fn measure_beside<T>(&mut self, name: &'static str, work: impl FnOnce() -> T) -> T {
        self.measure_part(name, true, work)
    }

    fn measure_part<T>(&mut self, name: &'static str, beside: bool, work: impl FnOnce() -> T) -> T {
        let before = Clock::now();
        let result = work();
        let (wall, cpu) = Clock::now().since(&before);
        let cpu = if beside { None } else { cpu };
        match self.parts.iter_mut().find(|part| part.name == name) {
            Some(part) => {
                part.wall += wall;
                part.cpu = match (part.cpu, cpu) {
                    (Some(sum), Some(more)) => Some(sum + more),
                    _ => None,
                };
            }
            None => self.parts.push(Stage {
                name,
                wall,
                cpu,
                beside,
            }),
        }
        result
    }
}

/// One aligned line per stage (wall time, CPU time and its share of the build's CPU), then the
/// whole build from `start` to the end of the last stage.
impl fmt::Display for Timings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let width = self
            .stages
            .iter()
            .map(|stage| stage.name.len())
            .chain(["build".len()])
            .max()
            .unwrap_or(0);
        let ms = |duration: Duration| duration.as_secs_f64() * 1000.0;
        let (wall, cpu) = self.lap.since(&self.started);
        let line = |f: &mut fmt::Formatter<'_>, name: &str, wall, cpu: Option<Duration>| {
            write!(f, "{name:<width$}  {:>8.1} ms wall", ms(wall))?;
            if let Some(cpu) = cpu {
                write!(f, "  {:>8.1} ms CPU", ms(cpu))?;
            }
            Ok(())
        };
        for stage in &self.stages {
            line(f, stage.name, stage.wall, stage.cpu)?;
            if let (Some(part), Some(whole)) = (stage.cpu, cpu) {
                let share = 100.0 * part.as_secs_f64() / whole.as_secs_f64().max(f64::EPSILON);
                write!(f, "  {share:>3.0}%")?;
            }
            if stage.beside {
                write!(f, "  (beside the stage above)")?;
            }
            writeln!(f)?;
        }
        line(f, "build", wall, cpu)?;
        writeln!(f)
    }
}

/// CPU time used so far by all threads of this process.
#[cfg(target_os = "linux")]
fn process_cpu_time() -> Option<Duration> {
    let mut now = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime only writes the timespec it is given, which outlives the call.
    let status = unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut now) };
    (status == 0).then(|| Duration::new(now.tv_sec as u64, now.tv_nsec as u32))
}

#[cfg(not(target_os = "linux"))]
fn process_cpu_time() -> Option<Duration> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_are_listed_in_order_and_aligned() {
        let mut timings = Timings::start();
        timings.lap("load");
        timings.lap("search index");
        let shown = timings.to_string();
        let lines: Vec<&str> = shown.lines().collect();
        assert_eq!(lines.len(), 3);
        assert!(lines[0].starts_with("load "));
        assert!(lines[1].starts_with("search index "));
        assert!(lines[2].starts_with("build "));
        let column = |line: &str| line.find(" ms wall").unwrap_or(0);
        assert!(lines.iter().all(|line| column(line) == column(lines[0])));
    }

    #[test]
    fn work_measured_inside_a_stage_is_shown_after_it_and_not_in_it() {
        let mut timings = Timings::start();
        let pause = Duration::from_millis(30);
        for _ in 0..2 {
            timings.measure("index pages", || std::thread::sleep(pause));
        }
        timings.lap("render pages");
        let names: Vec<&str> = timings.stages.iter().map(|stage| stage.name).collect();
        assert_eq!(names, ["render pages", "index pages"]);
        assert!(timings.stages[1].wall >= 2 * pause);
        assert!(timings.stages[0].wall < pause);
    }

    #[test]
    fn work_measured_beside_a_stage_is_shown_after_it_and_left_in_it() {
        let mut timings = Timings::start();
        let pause = Duration::from_millis(30);
        timings.measure_beside("index pages", || std::thread::sleep(pause));
        timings.lap("render pages");
        let names: Vec<&str> = timings.stages.iter().map(|stage| stage.name).collect();
        assert_eq!(names, ["render pages", "index pages"]);
        assert!(timings.stages[0].wall >= pause);
        assert!(timings.stages[1].wall >= pause && timings.stages[1].cpu.is_none());
        let shown = timings.to_string();
        let lines: Vec<&str> = shown.lines().collect();
        assert!(lines[1].ends_with("(beside the stage above)"), "{shown}");
        assert!(!lines[0].contains("beside"), "{shown}");
    }
}
