//! The demo plan: one realistic enterprise release used by the app's first run, the README,
//! tests, benchmarks and the executive report, with two later releases that wait on it,
//! commitments between teams and four past report snapshots (see `portfolio` below), plus a
//! generator of large plans for benchmarks.
//!
//! Both are deterministic: ids come from per-kind counters ([`TaskId::from_u128`] and friends;
//! a link's from its two tasks, [`LinkId::derived`]),
//! dates are fixed, and the generator draws from a small seeded LCG. Nothing reads the clock.
//!
//! # The demo release
//!
//! **R2027.1 "Spring 2027 Enterprise Release"** brings SEPA Instant Credit Transfer (SCT Inst)
//! to a retail bank's web portal and mobile app. It starts on Monday 2027-01-04 and coordinates
//! nine projects from eight departments, with four governance gates, seven risks, three freeze
//! windows and German (Hesse) public holidays. The status date is Monday 2027-01-18 17:00:
//! the first two weeks are done, Gate 1 is approved, Gate 2 was rejected by the security officer
//! and the design work is under way.
//!
//! The critical path runs through the Payments API (its provider certification slot opens on
//! 1 March), SIT, UAT, the Go/No-go gate and the deployment weekend. Go/No-go lands around
//! 27 April, so the deployments would run on 1–2 May, inside the month-end freeze: they move to
//! 8–9 May, and hypercare ends around 25 May, a day before the business target of 26 May. The
//! Keycloak dark launch likewise falls into the quarter-end & Easter freeze.
//!
//! Scenarios that make sense on it: "Payments API slips 2 weeks" (the certification slot moves),
//! "Descope the reporting module" (drop Data Warehouse & Reporting from the go-live), "Second
//! SIT environment" (level the SIT contention), "Pen-test finds criticals" (fire the risk).

mod portfolio;

use crate::calendar::{Calendar, CalendarException, WorkingTime};
use crate::model::*;
use chrono::{NaiveDate, NaiveDateTime};

// Id namespaces: the high 64 bits of every demo id name its kind, the low bits count.
const K_RELEASE: usize = 0;
const K_PROJECT: usize = 1;
const K_TASK: usize = 2;
// 3 was links' (a link's id is now derived from its two tasks: `LinkId::derived`).
const K_CALENDAR: usize = 4;
const K_BLACKOUT: usize = 5;
const K_GATE: usize = 6;
const K_RISK: usize = 7;
const K_RESOURCE: usize = 8;
const K_ASSIGNMENT: usize = 9;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid demo date")
}

fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
    date(y, m, d)
        .and_hms_opt(h, min, 0)
        .expect("valid demo time")
}

fn days(d: i64) -> Duration {
    Duration::Working(WorkMinutes::days(d))
}

fn hours(h: i64) -> Duration {
    Duration::Working(WorkMinutes::hours(h))
}

fn lag_days(d: i64) -> Lag {
    Lag::Working(WorkMinutes::days(d))
}

/// Builds a plan row by row, handing out deterministic ids and WBS numbers.
struct Builder {
    plan: Plan,
    counters: [u128; 10],
    release: ReleaseId,
    project: ProjectId,
}

impl Builder {
    fn new() -> Self {
        let mut b = Self {
            plan: Plan::default(),
            counters: [0; 10],
            release: ReleaseId::from_u128(0),
            project: ProjectId::from_u128(0),
        };
        b.release = ReleaseId::from_u128(b.next(K_RELEASE));
        b
    }

    fn next(&mut self, kind: usize) -> u128 {
        self.counters[kind] += 1;
        ((kind as u128 + 1) << 64) | self.counters[kind]
    }

    fn calendar_id(&mut self) -> CalendarId {
        CalendarId::from_u128(self.next(K_CALENDAR))
    }

    /// Starts a project: the rows added next belong to it.
    fn project(&mut self, name: &str, department: &str, owner: &str) -> ProjectId {
        let id = ProjectId::from_u128(self.next(K_PROJECT));
        self.plan.projects.push(Project {
            id,
            release_id: self.release,
            name: name.into(),
            department: department.into(),
            owner: owner.into(),
        });
        self.project = id;
        id
    }

    fn row(
        &mut self,
        level: u16,
        kind: TaskKind,
        name: &str,
        duration: Duration,
        owner: &str,
    ) -> TaskId {
        let id = TaskId::from_u128(self.next(K_TASK));
        let number = TaskNumber(self.plan.tasks.len() as u32 + 1);
        self.plan.tasks.push(Task {
            kind,
            outline_level: level,
            owner: owner.into(),
            ..Task::new(id, number, self.project, name, duration)
        });
        id
    }

    fn summary(&mut self, level: u16, name: &str, owner: &str) -> TaskId {
        self.row(level, TaskKind::Task, name, Duration::ZERO, owner)
    }

    fn task(&mut self, level: u16, name: &str, duration: Duration, owner: &str) -> TaskId {
        self.row(level, TaskKind::Task, name, duration, owner)
    }

    /// A task planned at its most likely duration, with a three-point estimate in days.
    fn task3(&mut self, level: u16, name: &str, (o, m, p): (i64, i64, i64), owner: &str) -> TaskId {
        let id = self.row(level, TaskKind::Task, name, days(m), owner);
        self.last().estimate = Some(ThreePoint {
            optimistic: WorkMinutes::days(o),
            most_likely: WorkMinutes::days(m),
            pessimistic: WorkMinutes::days(p),
        });
        id
    }

    fn milestone(&mut self, level: u16, name: &str, owner: &str) -> TaskId {
        self.row(level, TaskKind::Milestone, name, Duration::ZERO, owner)
    }

    fn gate_task(&mut self, level: u16, name: &str, owner: &str) -> TaskId {
        self.row(level, TaskKind::Gate, name, Duration::ZERO, owner)
    }

    fn deployment(&mut self, level: u16, name: &str, duration: Duration, owner: &str) -> TaskId {
        self.row(level, TaskKind::Deployment, name, duration, owner)
    }

    fn last(&mut self) -> &mut Task {
        self.plan.tasks.last_mut().expect("a task was added")
    }

    fn notes(&mut self, text: &str) {
        self.last().notes = text.into();
    }

    fn done(&mut self, start: NaiveDateTime, finish: NaiveDateTime) {
        self.last().progress = Progress {
            actual_start: Some(start),
            actual_finish: Some(finish),
            percent_complete: 100,
        };
    }

    fn started(&mut self, start: NaiveDateTime, percent: u8) {
        self.last().progress = Progress {
            actual_start: Some(start),
            actual_finish: None,
            percent_complete: percent,
        };
    }

    fn link(&mut self, predecessor: TaskId, successor: TaskId, kind: LinkType, lag: Lag) {
        self.plan.links.push(Link {
            id: LinkId::derived(predecessor, successor),
            predecessor,
            successor,
            kind,
            lag,
        });
    }

    fn fs(&mut self, predecessor: TaskId, successor: TaskId) {
        self.link(predecessor, successor, LinkType::FS, Lag::ZERO);
    }

    fn gate(&mut self, task_id: TaskId, criteria: &[(&str, bool)], approvers: Vec<Approver>) {
        let id = GateId::from_u128(self.next(K_GATE));
        self.plan.gates.push(Gate {
            id,
            task_id,
            criteria: criteria
                .iter()
                .map(|&(text, met)| Criterion {
                    text: text.into(),
                    met,
                })
                .collect(),
            approvers,
        });
    }

    fn resource(
        &mut self,
        name: &str,
        kind: ResourceKind,
        rate: i64,
        max_units: f64,
        calendar_id: Option<CalendarId>,
    ) -> ResourceId {
        let id = ResourceId::from_u128(self.next(K_RESOURCE));
        self.plan.resources.push(Resource {
            id,
            name: name.into(),
            kind,
            cost_rate: Money::from_units(rate),
            max_units,
            calendar_id,
        });
        id
    }

    fn assign(&mut self, task_id: TaskId, resource_id: ResourceId, units: f64) {
        let id = AssignmentId::from_u128(self.next(K_ASSIGNMENT));
        self.plan.assignments.push(Assignment {
            id,
            task_id,
            resource_id,
            units,
            work: None,
            contour: Default::default(),
        });
    }

    fn blackout(&mut self, name: &str, start: NaiveDate, finish: NaiveDate) {
        let id = BlackoutId::from_u128(self.next(K_BLACKOUT));
        self.plan.blackouts.push(Blackout {
            id,
            release_id: self.release,
            name: name.into(),
            start,
            finish,
        });
    }
}

fn approver(
    name: &str,
    role: &str,
    decision: Decision,
    decided_at: Option<NaiveDateTime>,
    comment: &str,
) -> Approver {
    Approver {
        name: name.into(),
        role: role.into(),
        decision,
        decided_at,
        comment: comment.into(),
    }
}

fn pending(name: &str, role: &str) -> Approver {
    approver(name, role, Decision::Pending, None, "")
}

fn holiday(name: &str, day: NaiveDate) -> CalendarException {
    CalendarException {
        name: name.into(),
        start: day,
        finish: day,
        working: Vec::new(),
    }
}

/// Public holidays of Hesse (Frankfurt am Main), Germany, in 2027.
fn hesse_holidays_2027() -> Vec<CalendarException> {
    vec![
        holiday("Neujahr (New Year's Day)", date(2027, 1, 1)),
        holiday("Karfreitag (Good Friday)", date(2027, 3, 26)),
        holiday("Ostermontag (Easter Monday)", date(2027, 3, 29)),
        holiday("Tag der Arbeit (Labour Day)", date(2027, 5, 1)),
        holiday("Christi Himmelfahrt (Ascension Day)", date(2027, 5, 6)),
        holiday("Pfingstmontag (Whit Monday)", date(2027, 5, 17)),
        holiday("Fronleichnam (Corpus Christi)", date(2027, 5, 27)),
        holiday(
            "Tag der Deutschen Einheit (German Unity Day)",
            date(2027, 10, 3),
        ),
        CalendarException {
            name: "Weihnachten (Christmas)".into(),
            start: date(2027, 12, 25),
            finish: date(2027, 12, 26),
            working: Vec::new(),
        },
    ]
}

// People of the demo. Non-ASCII names on purpose: every report must render them.
const RELEASE_MANAGER: &str = "Katharina Weiß";
const PAYMENTS_LEAD: &str = "Łukasz Nowak";
const PORTAL_LEAD: &str = "Zoë Martin";
const MOBILE_LEAD: &str = "Nguyễn Thị Ngọc";
const CORE_LEAD: &str = "José Álvarez";
const DATA_LEAD: &str = "Søren Østergaard";
const IDENTITY_LEAD: &str = "Aylin Yıldız";
const QA_LEAD: &str = "Priya Raghunathan";
const OPS_LEAD: &str = "Björn Åkesson";
const SECURITY_OFFICER: &str = "Małgorzata Wiśniewska";
const CHANGE_MANAGER: &str = "François Dupré";
const BUSINESS_OWNER: &str = "Henrik Schröder";
const ARCHITECT: &str = "Chloé Lefèvre";
const DPO: &str = "Dr. Mehmet Öztürk";

/// The demo release R2027.1, "Spring 2027 Enterprise Release". See the module docs.
pub fn demo_plan() -> Plan {
    let mut b = Builder::new();
    let release = b.release;

    // ---- Calendars -------------------------------------------------------------------------
    let standard_id = b.calendar_id();
    let frankfurt_id = b.calendar_id();
    let weekend_id = b.calendar_id();
    let night_id = b.calendar_id();
    let always_id = b.calendar_id();

    let standard = Calendar::standard(standard_id, "Standard");
    let mut frankfurt = Calendar::standard(frankfurt_id, "Frankfurt office (Hesse holidays)");
    frankfurt.exceptions = hesse_holidays_2027();
    // Deployment weekends: Saturday 06:00–20:00 and Sunday 06:00–14:00 (rollback buffer after).
    let mut weekend = Calendar::standard(weekend_id, "Weekend deploy window");
    weekend.week = [
        vec![],
        vec![],
        vec![],
        vec![],
        vec![],
        vec![WorkingTime::hm(6, 0, 20, 0)],
        vec![WorkingTime::hm(6, 0, 14, 0)],
    ];
    // Operations night shift: 22:00–06:00 from Monday night to Saturday morning.
    let mut night = Calendar::standard(night_id, "Ops night shift");
    let late = WorkingTime::hm(22, 0, 24, 0);
    let early = WorkingTime::hm(0, 0, 6, 0);
    night.week = [
        vec![late],
        vec![early, late],
        vec![early, late],
        vec![early, late],
        vec![early, late],
        vec![early],
        vec![],
    ];
    let always = Calendar::continuous(always_id, "24×7 (test environments)");
    b.plan.calendars = vec![standard, frankfurt, weekend, night, always];

    // ---- Portfolio, settings, release ------------------------------------------------------
    b.plan.portfolio = Portfolio {
        name: "Retail Banking Change Portfolio 2027".into(),
    };
    b.plan.settings = PlanSettings {
        default_calendar: Some(standard_id),
        status_date: Some(at(2027, 1, 18, 17, 0)),
        distribution: Distribution::Triangular,
        default_uncertainty: UncertaintyProfile {
            optimistic_pct: -10,
            pessimistic_pct: 30,
        },
        near_critical_threshold: WorkMinutes::days(5),
        currency: "EUR".into(),
    };
    b.plan.releases.push(Release {
        id: release,
        code: "R2027.1".into(),
        name: "Spring 2027 Enterprise Release".into(),
        kind: ReleaseKind::Enterprise,
        owner: RELEASE_MANAGER.into(),
        description: "Instant payments (SEPA SCT Inst) for retail customers on the web \
                      portal and the mobile app: a new Payments API, a real-time core banking \
                      adapter, SCA step-up login, regulatory reporting and a coordinated \
                      production cutover on a deployment weekend, followed by two weeks of \
                      hypercare. Nine projects from eight departments; the regulator expects \
                      the service live before the summer."
            .into(),
        start: at(2027, 1, 4, 8, 0),
        target: Some(at(2027, 5, 26, 17, 0)),
        status: ReleaseStatus::InProgress,
        calendar_id: Some(frankfurt_id),
        budget: None,
    });

    b.blackout(
        "Quarter-end & Easter freeze",
        date(2027, 3, 25),
        date(2027, 4, 5),
    );
    b.blackout(
        "Month-end close & May Day freeze",
        date(2027, 4, 28),
        date(2027, 5, 3),
    );

    // ---- Resources -------------------------------------------------------------------------
    use ResourceKind::{Environment, Person, Team};
    let r_rm = b.resource(RELEASE_MANAGER, Person, 95, 1.0, None);
    let r_pay_lead = b.resource(PAYMENTS_LEAD, Person, 92, 1.0, None);
    let r_portal_lead = b.resource(PORTAL_LEAD, Person, 85, 1.0, None);
    let r_mobile_lead = b.resource(MOBILE_LEAD, Person, 85, 1.0, None);
    let r_core_lead = b.resource(CORE_LEAD, Person, 98, 1.0, None);
    let r_data_lead = b.resource(DATA_LEAD, Person, 88, 1.0, None);
    let r_idn_lead = b.resource(IDENTITY_LEAD, Person, 90, 1.0, None);
    let r_qa_lead = b.resource(QA_LEAD, Person, 80, 1.0, None);
    let r_ops_lead = b.resource(OPS_LEAD, Person, 86, 1.0, None);
    let r_security = b.resource(SECURITY_OFFICER, Person, 115, 0.5, None);
    let r_change = b.resource(CHANGE_MANAGER, Person, 90, 0.5, None);
    let r_pay_team = b.resource("Payments development team", Team, 78, 5.0, None);
    let r_portal_team = b.resource("Portal squad", Team, 74, 4.0, None);
    let r_mobile_team = b.resource("Mobile squad (iOS & Android)", Team, 76, 4.0, None);
    let r_core_team = b.resource("Core Systems mainframe team", Team, 95, 3.0, None);
    let r_data_team = b.resource("Data engineering team", Team, 82, 2.0, None);
    let r_platform_team = b.resource("Platform engineering team", Team, 84, 3.0, None);
    let r_qa_team = b.resource("Test factory (QA team)", Team, 62, 6.0, None);
    let r_ops_team = b.resource("Operations on-call team", Team, 72, 3.0, Some(night_id));
    let r_pentest = b.resource("Pen-test vendor (Redline Security)", Team, 165, 2.0, None);
    let r_sit_env = b.resource("SIT environment", Environment, 45, 1.0, Some(always_id));
    let r_perf_env = b.resource(
        "Performance test environment",
        Environment,
        70,
        1.0,
        Some(always_id),
    );
    let r_uat_env = b.resource("UAT environment", Environment, 40, 1.0, Some(always_id));
    let r_lpar = b.resource(
        "Mainframe test LPAR",
        Environment,
        130,
        1.0,
        Some(always_id),
    );

    // ---- Release governance ----------------------------------------------------------------
    b.project(
        "Release Management Office",
        "Enterprise Release Management",
        RELEASE_MANAGER,
    );
    b.summary(1, "R2027.1 release governance", RELEASE_MANAGER);
    let kickoff = b.milestone(2, "Release kickoff", RELEASE_MANAGER);
    b.done(at(2027, 1, 4, 8, 0), at(2027, 1, 4, 8, 0));
    let scope = b.task3(
        2,
        "Scope & requirements sign-off",
        (4, 5, 8),
        RELEASE_MANAGER,
    );
    b.done(at(2027, 1, 4, 8, 0), at(2027, 1, 8, 17, 0));
    b.notes("Signed off by the Retail Payments steering committee on 8 January.");
    b.assign(scope, r_rm, 1.0);
    b.assign(scope, r_pay_lead, 0.5);
    let strategy = b.task(2, "Test strategy & environment booking", days(4), QA_LEAD);
    b.done(at(2027, 1, 6, 8, 0), at(2027, 1, 11, 17, 0));
    b.assign(strategy, r_qa_lead, 1.0);
    let gate1 = b.gate_task(2, "Gate 1: Scope freeze", RELEASE_MANAGER);
    b.done(at(2027, 1, 12, 10, 0), at(2027, 1, 12, 10, 0));
    let baseline = b.task(
        2,
        "Release plan baseline & stakeholder briefing",
        days(1),
        RELEASE_MANAGER,
    );
    b.done(at(2027, 1, 12, 13, 0), at(2027, 1, 13, 12, 0));
    b.assign(baseline, r_rm, 1.0);
    let gate2 = b.gate_task(
        2,
        "Gate 2: Architecture & security design review",
        ARCHITECT,
    );
    b.notes("Rejected on 18 January; resubmitted once the token-vault threat model is done.");
    b.fs(kickoff, scope);
    b.link(scope, strategy, LinkType::SS, lag_days(2));
    b.fs(scope, gate1);
    b.fs(strategy, gate1);
    b.fs(gate1, baseline);

    // ---- Identity & SSO --------------------------------------------------------------------
    b.project("Identity & SSO", "Platform Engineering", IDENTITY_LEAD);
    b.summary(1, "Identity & SSO", IDENTITY_LEAD);
    b.summary(2, "Design", IDENTITY_LEAD);
    let idn_design = b.task(
        3,
        "OIDC & step-up authentication design",
        days(4),
        IDENTITY_LEAD,
    );
    b.done(at(2027, 1, 12, 13, 0), at(2027, 1, 18, 12, 0));
    let idn_threat = b.task(
        3,
        "Threat model review (identity)",
        days(2),
        SECURITY_OFFICER,
    );
    b.started(at(2027, 1, 18, 13, 0), 25);
    b.summary(2, "Build", IDENTITY_LEAD);
    let keycloak = b.task3(
        3,
        "Upgrade Keycloak to 26.x on the shared platform",
        (4, 5, 9),
        IDENTITY_LEAD,
    );
    let sca = b.task3(
        3,
        "Step-up authentication (SCA) for payments",
        (6, 8, 12),
        IDENTITY_LEAD,
    );
    let federation = b.task3(
        3,
        "SSO session federation for the mobile app",
        (3, 4, 6),
        IDENTITY_LEAD,
    );
    b.summary(2, "Test & rollout", IDENTITY_LEAD);
    let idn_regression = b.task3(3, "Identity regression test", (2, 3, 5), QA_LEAD);
    let dark_launch = b.deployment(
        3,
        "Dark-launch Keycloak upgrade in production",
        hours(4),
        OPS_LEAD,
    );
    b.last().calendar_id = Some(night_id);
    b.notes(
        "Ships switched off once SIT cycle 1 has proven it; the quarter-end freeze holds it back.",
    );
    let idn_ready = b.milestone(3, "Identity ready for SIT", IDENTITY_LEAD);
    b.fs(gate1, idn_design);
    b.fs(idn_design, idn_threat);
    b.fs(idn_design, keycloak);
    b.fs(keycloak, sca);
    b.fs(idn_threat, sca);
    b.link(sca, federation, LinkType::SS, lag_days(3));
    b.fs(sca, idn_regression);
    b.fs(federation, idn_regression);
    b.fs(idn_regression, dark_launch);
    b.fs(idn_regression, idn_ready);
    for (t, r, u) in [
        (idn_design, r_idn_lead, 1.0),
        (idn_threat, r_security, 0.5),
        (keycloak, r_platform_team, 2.0),
        (sca, r_platform_team, 2.0),
        (sca, r_idn_lead, 0.5),
        (federation, r_platform_team, 1.0),
        (idn_regression, r_qa_team, 1.0),
        (dark_launch, r_ops_team, 1.0),
    ] {
        b.assign(t, r, u);
    }

    // ---- Payments API ----------------------------------------------------------------------
    b.project("Payments API", "Payments Engineering", PAYMENTS_LEAD);
    b.summary(1, "Payments API", PAYMENTS_LEAD);
    b.summary(2, "Design", PAYMENTS_LEAD);
    let contract = b.task3(
        3,
        "API contract (OpenAPI 3.1) for instant payments",
        (5, 6, 9),
        PAYMENTS_LEAD,
    );
    b.started(at(2027, 1, 12, 13, 0), 60);
    let vault_threat = b.task(
        3,
        "Threat model: token vault & signing keys",
        days(3),
        PAYMENTS_LEAD,
    );
    b.notes(
        "Missing at the first Gate 2 review; the security officer asked for it before approving.",
    );
    b.summary(2, "Build", PAYMENTS_LEAD);
    let initiation = b.task3(
        3,
        "SCT Inst payment initiation service",
        (12, 15, 25),
        PAYMENTS_LEAD,
    );
    let webhooks = b.task3(3, "Payment status webhooks", (6, 8, 12), PAYMENTS_LEAD);
    let vault = b.task3(3, "Token vault integration (HSM)", (4, 5, 8), PAYMENTS_LEAD);
    let fraud = b.task3(3, "Fraud scoring integration", (5, 6, 10), PAYMENTS_LEAD);
    let pact = b.task3(
        3,
        "Unit & consumer-driven contract tests (Pact)",
        (3, 4, 6),
        QA_LEAD,
    );
    let pay_freeze = b.milestone(3, "Payments API code freeze", PAYMENTS_LEAD);
    b.summary(2, "Certification", PAYMENTS_LEAD);
    let sandbox = b.task(
        3,
        "Payment provider sandbox onboarding",
        days(3),
        PAYMENTS_LEAD,
    );
    let certification = b.task3(
        3,
        "Payments provider certification (scheme test)",
        (8, 10, 20),
        PAYMENTS_LEAD,
    );
    b.last().constraint = Constraint::Snet(at(2027, 3, 1, 8, 0));
    b.last().deadline = Some(at(2027, 3, 31, 17, 0));
    b.notes("The provider's certification slot opens on 1 March; the next free slot is in May.");
    let pay_ready = b.milestone(3, "Payments API ready for SIT", PAYMENTS_LEAD);
    b.fs(gate1, contract);
    b.fs(contract, vault_threat);
    b.fs(contract, initiation);
    b.link(initiation, webhooks, LinkType::SS, lag_days(5));
    b.fs(gate2, vault);
    b.fs(initiation, fraud);
    b.fs(vault, fraud);
    b.fs(fraud, pact);
    b.fs(webhooks, pact);
    b.fs(pact, pay_freeze);
    b.fs(contract, sandbox);
    b.fs(sandbox, certification);
    b.fs(pay_freeze, certification);
    b.fs(certification, pay_ready);
    for (t, r, u) in [
        (contract, r_pay_lead, 1.0),
        (vault_threat, r_pay_lead, 0.5),
        (vault_threat, r_security, 0.5),
        (initiation, r_pay_team, 3.0),
        (webhooks, r_pay_team, 1.0),
        (vault, r_pay_team, 1.0),
        (fraud, r_pay_team, 2.0),
        (pact, r_qa_team, 1.0),
        (sandbox, r_pay_lead, 0.5),
        (certification, r_pay_team, 2.0),
        (certification, r_sit_env, 0.5),
    ] {
        b.assign(t, r, u);
    }

    // ---- Core Banking Adapter --------------------------------------------------------------
    b.project("Core Banking Adapter", "Core Systems", CORE_LEAD);
    b.summary(1, "Core Banking Adapter", CORE_LEAD);
    b.summary(2, "Design", CORE_LEAD);
    let copybooks = b.task3(
        3,
        "Mainframe interface specification (copybooks)",
        (4, 5, 7),
        CORE_LEAD,
    );
    b.started(at(2027, 1, 13, 8, 0), 70);
    let capacity = b.task(
        3,
        "Capacity review with mainframe operations",
        days(2),
        CORE_LEAD,
    );
    b.summary(2, "Build", CORE_LEAD);
    let posting = b.task3(
        3,
        "Real-time account posting adapter",
        (10, 12, 18),
        CORE_LEAD,
    );
    let recon_job = b.task3(
        3,
        "End-of-day reconciliation batch job",
        (6, 8, 12),
        CORE_LEAD,
    );
    let mandates = b.task3(3, "Mandate migration scripts", (8, 10, 15), CORE_LEAD);
    b.summary(2, "Data migration", CORE_LEAD);
    let dry1 = b.task3(3, "Data migration dry run 1", (2, 3, 5), CORE_LEAD);
    let fix = b.task3(3, "Fix data migration defects", (3, 5, 10), CORE_LEAD);
    let dry2 = b.task3(3, "Data migration dry run 2", (2, 3, 4), CORE_LEAD);
    b.notes("Needs a fresh masked copy of production (2 working days) after the fixes.");
    let core_ready = b.milestone(3, "Core Banking Adapter ready for SIT", CORE_LEAD);
    b.fs(gate1, copybooks);
    b.fs(copybooks, capacity);
    b.fs(copybooks, posting);
    b.link(posting, recon_job, LinkType::SS, lag_days(4));
    b.fs(copybooks, mandates);
    b.fs(mandates, dry1);
    b.fs(dry1, fix);
    b.link(fix, dry2, LinkType::FS, lag_days(2));
    b.fs(dry2, core_ready);
    b.fs(posting, core_ready);
    b.fs(recon_job, core_ready);
    for (t, r, u) in [
        (copybooks, r_core_lead, 1.0),
        (copybooks, r_lpar, 0.2),
        (capacity, r_core_lead, 0.5),
        (posting, r_core_team, 2.0),
        (posting, r_lpar, 0.5),
        (recon_job, r_core_team, 1.0),
        (mandates, r_core_team, 1.0),
        (dry1, r_core_team, 1.0),
        (dry1, r_lpar, 1.0),
        (fix, r_core_team, 1.0),
        (dry2, r_core_team, 1.0),
        (dry2, r_lpar, 1.0),
    ] {
        b.assign(t, r, u);
    }

    // ---- Customer Portal -------------------------------------------------------------------
    b.project("Customer Portal", "Digital Channels", PORTAL_LEAD);
    b.summary(1, "Customer Portal", PORTAL_LEAD);
    b.summary(2, "Design", PORTAL_LEAD);
    let ux = b.task3(
        3,
        "UX design: instant payment journey",
        (4, 5, 7),
        PORTAL_LEAD,
    );
    b.started(at(2027, 1, 14, 8, 0), 40);
    let a11y_review = b.task(
        3,
        "Accessibility review (WCAG 2.2 AA)",
        days(2),
        PORTAL_LEAD,
    );
    b.summary(2, "Build", PORTAL_LEAD);
    let frontend = b.task3(3, "Payment journey front end", (10, 12, 16), PORTAL_LEAD);
    let portal_login = b.task3(3, "Portal login with OIDC step-up", (2, 3, 5), PORTAL_LEAD);
    let bff = b.task3(
        3,
        "Integrate Payments API into the portal BFF",
        (4, 6, 9),
        PORTAL_LEAD,
    );
    b.summary(2, "Test", PORTAL_LEAD);
    let portal_it = b.task3(3, "Portal integration test", (4, 5, 8), QA_LEAD);
    let a11y_audit = b.task(3, "External accessibility audit", days(2), PORTAL_LEAD);
    let portal_ready = b.milestone(3, "Customer Portal ready for SIT", PORTAL_LEAD);
    b.fs(gate1, ux);
    b.link(ux, a11y_review, LinkType::FS, lag_days(-1));
    b.fs(ux, frontend);
    b.fs(a11y_review, frontend);
    b.fs(sca, portal_login);
    b.fs(contract, bff);
    b.link(frontend, bff, LinkType::SS, lag_days(4));
    b.fs(initiation, portal_it); // cross-project: needs the Payments API build
    b.fs(bff, portal_it);
    b.fs(frontend, portal_it);
    b.fs(portal_login, portal_it);
    b.link(portal_it, a11y_audit, LinkType::FF, lag_days(1));
    b.fs(portal_it, portal_ready);
    b.fs(a11y_audit, portal_ready);
    for (t, r, u) in [
        (ux, r_portal_lead, 1.0),
        (a11y_review, r_portal_lead, 0.5),
        (frontend, r_portal_team, 3.0),
        (portal_login, r_portal_team, 1.0),
        (bff, r_portal_team, 1.0),
        (portal_it, r_qa_team, 2.0),
        (portal_it, r_sit_env, 1.0),
    ] {
        b.assign(t, r, u);
    }

    // ---- Mobile App ------------------------------------------------------------------------
    b.project("Mobile App", "Digital Channels", MOBILE_LEAD);
    b.summary(1, "Mobile App", MOBILE_LEAD);
    b.summary(2, "Build", MOBILE_LEAD);
    let ios = b.task3(3, "iOS instant payment flow", (8, 10, 14), MOBILE_LEAD);
    let android = b.task3(3, "Android instant payment flow", (8, 10, 15), MOBILE_LEAD);
    let push = b.task3(
        3,
        "Push notifications for payment status",
        (3, 4, 6),
        MOBILE_LEAD,
    );
    let app_sso = b.task(3, "SSO session federation in the app", days(3), MOBILE_LEAD);
    b.summary(2, "Store release", MOBILE_LEAD);
    let mobile_regression = b.task3(3, "Mobile regression test", (3, 4, 6), QA_LEAD);
    let store_review = b.row(
        3,
        TaskKind::Task,
        "App Store & Google Play review",
        Duration::Elapsed(3 * 24 * 60),
        MOBILE_LEAD,
    );
    b.notes("Three calendar days: the stores review around the clock, weekends included.");
    b.last().deadline = Some(at(2027, 4, 23, 17, 0));
    let store_ok = b.milestone(3, "Mobile app approved in the stores", MOBILE_LEAD);
    b.fs(ux, ios);
    b.link(ios, android, LinkType::SS, lag_days(2));
    b.fs(webhooks, push); // cross-project
    b.fs(federation, app_sso); // cross-project
    b.fs(ios, mobile_regression);
    b.fs(android, mobile_regression);
    b.fs(push, mobile_regression);
    b.fs(app_sso, mobile_regression);
    b.fs(mobile_regression, store_review);
    b.fs(store_review, store_ok);
    for (t, r, u) in [
        (ios, r_mobile_team, 2.0),
        (android, r_mobile_team, 2.0),
        (push, r_mobile_team, 1.0),
        (app_sso, r_mobile_lead, 1.0),
        (mobile_regression, r_qa_team, 2.0),
    ] {
        b.assign(t, r, u);
    }

    // ---- Data Warehouse & Reporting --------------------------------------------------------
    b.project("Data Warehouse & Reporting", "Data & Analytics", DATA_LEAD);
    b.summary(1, "Data Warehouse & Reporting", DATA_LEAD);
    let facts = b.task3(2, "Payment fact tables & ETL", (6, 8, 12), DATA_LEAD);
    let reg_report = b.task3(
        2,
        "Instant payments regulatory report",
        (5, 6, 10),
        DATA_LEAD,
    );
    b.last().deadline = Some(at(2027, 4, 30, 17, 0));
    b.notes("Statutory reporting of SCT Inst volumes; format per the Bundesbank's 2027 template.");
    let dashboard = b.task3(2, "Executive payments dashboard", (3, 5, 8), DATA_LEAD);
    let recon_report = b.task(2, "Reconciliation report validation", days(3), DATA_LEAD);
    let dw_ready = b.milestone(2, "Reporting ready for SIT", DATA_LEAD);
    b.fs(copybooks, facts);
    b.fs(facts, reg_report);
    b.link(facts, dashboard, LinkType::SS, lag_days(3));
    b.link(recon_job, recon_report, LinkType::FF, lag_days(1));
    b.fs(reg_report, dw_ready);
    b.fs(dashboard, dw_ready);
    b.fs(recon_report, dw_ready);
    for (t, r, u) in [
        (facts, r_data_team, 2.0),
        (reg_report, r_data_team, 1.0),
        (dashboard, r_data_lead, 1.0),
        (recon_report, r_data_team, 1.0),
    ] {
        b.assign(t, r, u);
    }

    // ---- Integration & Release Testing -----------------------------------------------------
    b.project(
        "Integration & Release Testing",
        "Quality Engineering",
        QA_LEAD,
    );
    b.summary(1, "Integration & Release Testing", QA_LEAD);
    b.summary(2, "System integration test", QA_LEAD);
    let sit_refresh = b.task(
        3,
        "SIT environment refresh & data masking",
        days(2),
        QA_LEAD,
    );
    let sit1 = b.task3(3, "SIT cycle 1", (8, 10, 15), QA_LEAD);
    let sit_fix = b.task3(3, "SIT defect fixing", (4, 6, 10), PAYMENTS_LEAD);
    let sit2 = b.task3(3, "SIT cycle 2", (4, 5, 8), QA_LEAD);
    b.summary(2, "Non-functional testing", QA_LEAD);
    let perf = b.task3(3, "Performance & load test", (4, 5, 9), QA_LEAD);
    b.notes("Target: 150 SCT Inst payments per second, p95 end-to-end below 3 seconds.");
    let pentest = b.task(
        3,
        "Security penetration test (external)",
        days(5),
        SECURITY_OFFICER,
    );
    b.last().constraint = Constraint::Snet(at(2027, 3, 15, 8, 0));
    let remediation = b.task3(3, "Pen-test remediation", (2, 4, 8), PAYMENTS_LEAD);
    b.summary(2, "User acceptance", QA_LEAD);
    let uat_prep = b.task(3, "UAT preparation & test data", days(3), QA_LEAD);
    let uat = b.task3(3, "User acceptance test", (8, 10, 15), BUSINESS_OWNER);
    let uat_report = b.task(3, "UAT sign-off report", hours(4), QA_LEAD);
    let gate3 = b.gate_task(2, "Gate 3: QA sign-off", QA_LEAD);
    b.fs(pay_freeze, sit_refresh);
    b.fs(sit_refresh, sit1);
    for ready in [idn_ready, pay_ready, core_ready, portal_ready, dw_ready] {
        b.fs(ready, sit1);
    }
    b.link(sit1, sit_fix, LinkType::SS, lag_days(3));
    b.fs(sit1, sit2);
    b.fs(sit1, dark_launch); // cross-project: production only after SIT has proven it
    b.fs(sit_fix, sit2);
    b.link(sit1, perf, LinkType::SS, Lag::Percent(50));
    b.fs(pay_ready, pentest);
    b.fs(pentest, remediation);
    b.link(sit2, uat_prep, LinkType::FS, lag_days(-2));
    b.fs(sit2, uat);
    b.fs(uat_prep, uat);
    b.fs(store_ok, uat);
    b.fs(uat, uat_report);
    b.fs(uat_report, gate3);
    b.fs(perf, gate3);
    b.fs(remediation, gate3);
    for (t, r, u) in [
        (sit_refresh, r_sit_env, 1.0),
        (sit_refresh, r_qa_lead, 0.5),
        (sit1, r_qa_team, 4.0),
        (sit1, r_sit_env, 1.0),
        (sit_fix, r_pay_team, 2.0),
        (sit_fix, r_portal_team, 1.0),
        (sit2, r_qa_team, 4.0),
        (sit2, r_sit_env, 1.0),
        (perf, r_perf_env, 1.0),
        (perf, r_qa_team, 1.0),
        (pentest, r_pentest, 2.0),
        (pentest, r_security, 0.25),
        (remediation, r_pay_team, 2.0),
        (uat_prep, r_qa_lead, 1.0),
        (uat, r_uat_env, 1.0),
        (uat, r_qa_team, 2.0),
        (uat_report, r_qa_lead, 1.0),
    ] {
        b.assign(t, r, u);
    }

    // ---- Production Cutover & Hypercare ----------------------------------------------------
    b.project("Production Cutover", "IT Operations", OPS_LEAD);
    b.summary(1, "Production Cutover & Hypercare", OPS_LEAD);
    b.summary(2, "Operational readiness", OPS_LEAD);
    let notes = b.task(3, "Release notes", days(3), RELEASE_MANAGER);
    let runbook = b.task3(3, "Deployment runbook & rollback plan", (3, 4, 6), OPS_LEAD);
    let orr = b.task(3, "Operational readiness review", days(1), OPS_LEAD);
    let rfc = b.task(
        3,
        "Submit RFC to the Change Advisory Board",
        hours(2),
        CHANGE_MANAGER,
    );
    let rehearsal = b.task3(
        3,
        "Cutover dress rehearsal in pre-production",
        (2, 3, 5),
        OPS_LEAD,
    );
    let comms = b.task(
        3,
        "Customer communication & service desk briefing",
        days(2),
        BUSINESS_OWNER,
    );
    let gate4 = b.gate_task(2, "Gate 4: Go/No-go (CAB)", CHANGE_MANAGER);
    b.summary(2, "Deployment weekend", OPS_LEAD);
    let ttl = b.task(3, "Lower DNS TTL for api.bank (300 s)", hours(1), OPS_LEAD);
    b.last().calendar_id = Some(night_id);
    let deploy_core = b.deployment(3, "Deploy Core Banking Adapter", hours(6), CORE_LEAD);
    b.last().calendar_id = Some(weekend_id);
    let deploy_pay = b.deployment(3, "Deploy Payments API", hours(4), PAYMENTS_LEAD);
    b.last().calendar_id = Some(weekend_id);
    let deploy_portal = b.deployment(3, "Deploy Customer Portal", hours(2), PORTAL_LEAD);
    b.last().calendar_id = Some(weekend_id);
    let dns = b.deployment(
        3,
        "Switch api.bank DNS to the new gateway",
        hours(1),
        OPS_LEAD,
    );
    b.last().calendar_id = Some(weekend_id);
    b.notes("Waits two calendar days after the TTL change for DNS propagation.");
    let smoke = b.task(3, "Production smoke test", hours(3), QA_LEAD);
    b.last().calendar_id = Some(weekend_id);
    let flag = b.deployment(
        3,
        "Enable instant payments feature flag",
        hours(1),
        MOBILE_LEAD,
    );
    b.last().calendar_id = Some(weekend_id);
    let live = b.milestone(3, "R2027.1 live", RELEASE_MANAGER);
    b.summary(2, "Hypercare", OPS_LEAD);
    let hypercare = b.task(3, "Hypercare", days(10), OPS_LEAD);
    let legacy = b.task(3, "Legacy SEPA gateway run-down support", days(5), OPS_LEAD);
    b.notes("The legacy gateway may not be switched off before hypercare has started.");
    let lessons = b.task(
        3,
        "Hypercare exit & lessons learned",
        days(1),
        RELEASE_MANAGER,
    );
    let closed = b.milestone(3, "Release closed", RELEASE_MANAGER);
    b.link(uat, notes, LinkType::FF, lag_days(1));
    b.fs(sit2, runbook);
    b.fs(runbook, orr);
    b.fs(orr, rfc);
    b.fs(gate3, rehearsal);
    b.fs(rehearsal, gate4);
    b.fs(dark_launch, gate4); // cross-project: Keycloak 26 must be in production
    b.fs(rfc, gate4);
    b.link(uat, comms, LinkType::FS, lag_days(-3));
    b.fs(comms, gate4);
    b.fs(notes, gate4);
    b.fs(gate4, ttl);
    b.fs(gate4, deploy_core);
    b.fs(deploy_core, deploy_pay);
    b.fs(deploy_pay, deploy_portal);
    b.link(ttl, dns, LinkType::FS, Lag::Elapsed(2 * 24 * 60));
    b.fs(deploy_pay, dns);
    b.fs(deploy_portal, smoke);
    b.fs(dns, smoke);
    b.fs(smoke, flag);
    b.fs(flag, live);
    b.fs(live, hypercare);
    b.link(gate4, legacy, LinkType::SS, Lag::ZERO);
    b.link(hypercare, legacy, LinkType::SF, Lag::ZERO);
    b.fs(hypercare, lessons);
    b.fs(lessons, closed);
    for (t, r, u) in [
        (notes, r_rm, 0.5),
        (runbook, r_ops_lead, 1.0),
        (orr, r_ops_lead, 1.0),
        (orr, r_rm, 0.5),
        (rfc, r_change, 1.0),
        (rehearsal, r_ops_team, 2.0),
        (rehearsal, r_ops_lead, 1.0),
        (comms, r_rm, 0.5),
        (ttl, r_ops_team, 1.0),
        (deploy_core, r_ops_team, 2.0),
        (deploy_core, r_core_lead, 1.0),
        (deploy_pay, r_ops_team, 2.0),
        (deploy_pay, r_pay_lead, 1.0),
        (deploy_portal, r_ops_team, 1.0),
        (dns, r_ops_team, 1.0),
        (smoke, r_qa_team, 2.0),
        (flag, r_mobile_lead, 1.0),
        (hypercare, r_ops_team, 1.0),
        (hypercare, r_pay_team, 1.0),
        (legacy, r_ops_team, 0.5),
        (lessons, r_rm, 1.0),
    ] {
        b.assign(t, r, u);
    }

    // Gate 2 needs the design reviews of the security-sensitive projects (cross-project).
    b.fs(idn_threat, gate2);
    b.fs(vault_threat, gate2);
    b.fs(capacity, gate2);

    // ---- Gates -----------------------------------------------------------------------------
    b.gate(
        gate1,
        &[
            ("Scope baselined in the release register", true),
            ("Every project has a named owner and budget", true),
            ("Test strategy approved", true),
        ],
        vec![
            approver(
                BUSINESS_OWNER,
                "Business owner",
                Decision::Approved,
                Some(at(2027, 1, 11, 16, 30)),
                "",
            ),
            approver(
                QA_LEAD,
                "QA lead",
                Decision::Approved,
                Some(at(2027, 1, 11, 17, 0)),
                "",
            ),
            approver(
                CHANGE_MANAGER,
                "Change manager",
                Decision::Approved,
                Some(at(2027, 1, 12, 9, 15)),
                "Approved; mobile store submission must be in the release calendar.",
            ),
        ],
    );
    b.gate(
        gate2,
        &[
            ("Solution architecture approved by the design authority", true),
            ("Threat models for all internet-facing components", false),
            ("Data protection impact assessment", true),
            ("Mainframe capacity confirmed", false),
        ],
        vec![
            approver(
                ARCHITECT,
                "Enterprise architect",
                Decision::Approved,
                Some(at(2027, 1, 15, 11, 0)),
                "Event-driven status updates accepted; keep the webhook retry policy in the API contract.",
            ),
            approver(
                SECURITY_OFFICER,
                "Security officer",
                Decision::Rejected,
                Some(at(2027, 1, 18, 15, 45)),
                "No threat model for the token vault and signing keys. Resubmit once it is done.",
            ),
            approver(
                DPO,
                "Data protection officer",
                Decision::Waived,
                Some(at(2027, 1, 14, 10, 0)),
                "No new categories of personal data; the existing DPIA covers instant payments.",
            ),
            pending(CORE_LEAD, "Head of Core Systems"),
        ],
    );
    b.gate(
        gate3,
        &[
            ("No open severity 1 or 2 defects", false),
            ("Performance targets met in the performance environment", false),
            ("Pen-test findings rated high or critical fixed", false),
            ("UAT signed off by the business", false),
        ],
        vec![
            pending(QA_LEAD, "QA lead"),
            pending(BUSINESS_OWNER, "Business owner"),
            pending(SECURITY_OFFICER, "Security officer"),
            approver(
                "Anneliese Groß",
                "Performance engineering lead",
                Decision::Approved,
                Some(at(2027, 1, 15, 14, 20)),
                "Load model and NFR test approach approved in advance; sign-off stands if p95 < 3 s holds.",
            ),
        ],
    );
    b.gate(
        gate4,
        &[
            ("Gate 3 passed", false),
            ("RFC approved by the CAB", false),
            ("Rollback rehearsed in pre-production", false),
            ("Hypercare rota staffed", false),
            ("Customer communication ready", false),
        ],
        vec![
            pending(CHANGE_MANAGER, "Change manager (CAB chair)"),
            pending(OPS_LEAD, "Head of IT Operations"),
            pending(BUSINESS_OWNER, "Business owner"),
            pending(RELEASE_MANAGER, "Release manager"),
        ],
    );

    // ---- Risks -----------------------------------------------------------------------------
    let mut risk = |title: &str,
                    description: &str,
                    probability: f64,
                    impact_days: i64,
                    cost: i64,
                    owner: &str,
                    status: RiskStatus,
                    texts: [&str; 3],
                    task_ids: Vec<TaskId>| {
        let id = RiskId::from_u128(b.next(K_RISK));
        b.plan.risks.push(Risk {
            id,
            release_id: release,
            title: title.into(),
            description: description.into(),
            probability,
            schedule_impact: WorkMinutes::days(impact_days),
            cost_impact: Money::from_units(cost),
            owner: owner.into(),
            status,
            trigger: texts[0].into(),
            mitigation: texts[1].into(),
            contingency: texts[2].into(),
            task_ids,
        });
    };
    risk(
        "Payments provider certification delayed",
        "The scheme certification depends on the provider's test slot; if we miss the March \
         slot the next one is in May.",
        0.35,
        10,
        45_000,
        PAYMENTS_LEAD,
        RiskStatus::Open,
        [
            "Provider has not confirmed the 1 March slot by 15 February.",
            "Run the provider's self-certification suite in SIT early; book a backup slot.",
            "Go live with SCT Inst behind the feature flag and keep SEPA credit transfer for two weeks.",
        ],
        vec![certification, pay_ready],
    );
    risk(
        "Test environment contention",
        "The SIT environment is shared with the early work of R2027.2 and the portal \
         integration test.",
        0.5,
        5,
        18_000,
        QA_LEAD,
        RiskStatus::Mitigating,
        [
            "Two projects need SIT exclusively in the same week.",
            "Weekly environment booking board; the portal team tests against mocks first.",
            "Rent a second SIT stack in the cloud for four weeks (approx. € 18,000).",
        ],
        vec![portal_it, sit1],
    );
    risk(
        "Data migration defects",
        "Customer mandates from the legacy system contain free-text creditor ids that the \
         migration scripts reject.",
        0.4,
        8,
        30_000,
        CORE_LEAD,
        RiskStatus::Open,
        [
            "More than 0.5 % of mandates rejected in dry run 1.",
            "Profile the mandate data now; agree cleansing rules with the business.",
            "Migrate clean mandates only and fix the rest manually in hypercare.",
        ],
        vec![dry1, fix, dry2],
    );
    risk(
        "Key developer on leave",
        "The Payments API's most senior developer starts parental leave in March.",
        0.25,
        5,
        12_000,
        PAYMENTS_LEAD,
        RiskStatus::Open,
        [
            "Handover not completed by 26 February.",
            "Pair programming on the fraud scoring integration; document the HSM setup.",
            "Bring in a contractor from the framework agreement.",
        ],
        vec![fraud, sit_fix],
    );
    risk(
        "Security pen-test findings",
        "The external pen test may find high or critical issues in the new public API.",
        0.45,
        6,
        25_000,
        SECURITY_OFFICER,
        RiskStatus::Open,
        [
            "Any finding rated high or critical in the pen-test report.",
            "Threat models before build; OWASP ASVS checks in the pipeline.",
            "Fix criticals before go-live; accept highs with a dated remediation plan.",
        ],
        vec![remediation],
    );
    risk(
        "App store review rejection",
        "Apple may reject the build over the payment flow's wording or entitlements.",
        0.2,
        4,
        5_000,
        MOBILE_LEAD,
        RiskStatus::Open,
        [
            "Rejection notice from App Store Connect.",
            "Pre-check against the App Review Guidelines; submit a TestFlight build early.",
            "Request an expedited review; launch on Android and the portal first.",
        ],
        vec![store_review],
    );
    risk(
        "Mainframe test LPAR outage",
        "The shared test LPAR was down for two days in January for a z/OS upgrade.",
        1.0,
        2,
        8_000,
        CORE_LEAD,
        RiskStatus::Occurred,
        [
            "Outage announced by mainframe operations on 12 January.",
            "Interface specification continued on copybooks from the code repository.",
            "Shift the capacity review by two days.",
        ],
        vec![copybooks],
    );

    portfolio::later_releases(
        &mut b,
        &portfolio::R1Refs {
            pay_ready,
            pay_freeze,
            dw_ready,
            live,
            calendar: frankfurt_id,
            mobile_team: r_mobile_team,
            pay_team: r_pay_team,
            data_team: r_data_team,
            qa_team: r_qa_team,
        },
    );

    let mut plan = b.plan;
    plan.scenarios = demo_scenarios(&plan);
    portfolio::commitments_and_history(&mut plan);
    plan
}

/// The demo's what-if scenarios, on [`demo_plan`]'s tasks and risks:
/// - "Payments API slips 2 weeks": the provider's certification slot moves from 1 to 15 March;
/// - "Descope the reporting module": Data Warehouse & Reporting leaves the go-live (its links
///   dropped: SIT no longer waits for it);
/// - "Risk fires: Security pen-test findings", created from the risk.
pub fn demo_scenarios(plan: &Plan) -> Vec<crate::scenario::Scenario> {
    use crate::scenario::{Override, Scenario};
    let task = |name: &str| {
        plan.tasks
            .iter()
            .find(|t| t.name == name)
            .map(|t| t.id)
            .expect("a demo task")
    };
    // Scenario ids: kind 10 in the demo's id namespaces.
    let id = |n: u128| ScenarioId::from_u128((11u128 << 64) | n);
    let mut out = vec![
        Scenario {
            id: id(1),
            name: "Payments API slips 2 weeks".into(),
            description: "The payments provider moves our certification slot from 1 to \
                          15 March."
                .into(),
            from_risk: None,
            overrides: vec![Override::Delay {
                task: task("Payments provider certification (scheme test)"),
                until: at(2027, 3, 15, 8, 0),
            }],
        },
        Scenario {
            id: id(2),
            name: "Descope the reporting module".into(),
            description: "Data Warehouse & Reporting ships after the go-live; SIT no longer \
                          waits for it."
                .into(),
            from_risk: None,
            overrides: vec![Override::RemoveTask {
                task: task("Data Warehouse & Reporting"),
                bridge: false,
            }],
        },
    ];
    if let Some(r) = plan
        .risks
        .iter()
        .find(|r| r.title == "Security pen-test findings")
    {
        let mut s = Scenario::from_risk(r);
        s.id = id(3);
        out.push(s);
    }
    out
}

/// A small linear congruential generator (Knuth's MMIX constants): deterministic, no deps.
struct Lcg(u64);

impl Lcg {
    fn new(seed: u64) -> Self {
        let mut g = Lcg(seed ^ 0x9E37_79B9_7F4A_7C15);
        g.next();
        g
    }
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    /// Uniform-ish in `0..n` (`n > 0`).
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const PHASES: [&str; 6] = [
    "Design",
    "Build",
    "Integration",
    "Test",
    "Release readiness",
    "Deployment",
];
const VERBS: [&str; 10] = [
    "Specify",
    "Implement",
    "Review",
    "Refactor",
    "Test",
    "Migrate",
    "Document",
    "Harden",
    "Integrate",
    "Verify",
];
const OBJECTS: [&str; 10] = [
    "API endpoints",
    "batch interface",
    "data model",
    "UI screens",
    "reporting views",
    "authentication",
    "audit logging",
    "error handling",
    "configuration",
    "monitoring",
];
const OWNERS: [&str; 8] = [
    "Katharina Weiß",
    "Łukasz Nowak",
    "Zoë Martin",
    "Nguyễn Thị Ngọc",
    "José Álvarez",
    "Søren Østergaard",
    "Aylin Yıldız",
    "Priya Raghunathan",
];
const DEPARTMENTS: [&str; 5] = [
    "Payments Engineering",
    "Digital Channels",
    "Core Systems",
    "Data & Analytics",
    "Platform Engineering",
];

/// The most tasks a generated plan is asked for (`admiral demo --tasks`): a million take
/// half a minute and some 4 GB to make, ten times the largest plan the benchmarks use.
pub const MAX_SIZED_TASKS: usize = 1_000_000;

/// A generated plan of exactly `tasks` rows for benchmarks (5k, 10k, 100k tasks), the same
/// for the same arguments.
///
/// One release with the demo's calendars; projects of about 400 rows each (a level-1 summary,
/// level-2 phase summaries, level-3 leaves). Leaves get about 3.5 predecessors each (about 3
/// links per row), always from a lower task number, so the links form a DAG; mostly FS with
/// some SS, FF and SF and small lags, mostly among nearby tasks with some long-range (and so
/// cross-project) links. Also a few gates, risks, resources and one assignment per leaf.
pub fn demo_plan_sized(tasks: usize, seed: u64) -> Plan {
    let mut rng = Lcg::new(seed);
    let mut b = Builder::new();
    let resources = sized_frame(&mut b, tasks, seed);

    b.plan.tasks.reserve(tasks);
    b.plan.links.reserve(tasks * 3 + tasks / 2);
    b.plan.assignments.reserve(tasks);

    let per_project = 400usize;
    let mut leaves: Vec<TaskId> = Vec::with_capacity(tasks);
    let mut gate_tasks: Vec<TaskId> = Vec::new();
    let mut project_rows = usize::MAX; // forces a project at the start
    let mut phase_rows = 0usize;
    let mut phase_len = 0usize;
    let mut n_projects = 0usize;
    let mut n_phases = 0usize;
    let tiny = tasks < 3; // too few rows for a summary: top-level tasks only
    let mut preds: Vec<TaskId> = Vec::with_capacity(8);

    while b.plan.tasks.len() < tasks {
        let remaining = tasks - b.plan.tasks.len();
        if (project_rows >= per_project || n_projects == 0) && remaining >= 3 {
            n_projects += 1;
            let owner = OWNERS[n_projects % OWNERS.len()];
            b.project(
                &format!("Application {n_projects:03}"),
                DEPARTMENTS[n_projects % DEPARTMENTS.len()],
                owner,
            );
            b.summary(1, &format!("Application {n_projects:03}"), owner);
            project_rows = 1;
            phase_rows = usize::MAX;
        } else if n_projects == 0 {
            // Fewer than three rows in all: one project of top-level tasks.
            n_projects = 1;
            b.project("Application 001", DEPARTMENTS[0], OWNERS[0]);
            project_rows = 0;
            phase_rows = 0;
            phase_len = usize::MAX;
        }
        let remaining = tasks - b.plan.tasks.len();
        if phase_rows >= phase_len && remaining >= 2 {
            let name = PHASES[n_phases % PHASES.len()];
            n_phases += 1;
            b.summary(2, &format!("{name} {n_phases}"), OWNERS[n_phases % 8]);
            project_rows += 1;
            phase_rows = 0;
            phase_len = 5 + rng.below(10) as usize;
        }

        let level = if tiny { 1 } else { 3 };
        let (id, kind) = sized_leaf(&mut b, &mut rng, level, &resources);
        if kind == TaskKind::Gate {
            gate_tasks.push(id);
        }
        sized_links(&mut b, &mut rng, &leaves, id, &mut preds);
        leaves.push(id);
        project_rows = project_rows.saturating_add(1);
        phase_rows = phase_rows.saturating_add(1);
    }

    sized_gates_and_risks(&mut b, &mut rng, &gate_tasks, &leaves, tasks);
    b.plan
}

/// The generated plan's calendars, release, blackout and resources.
fn sized_frame(b: &mut Builder, tasks: usize, seed: u64) -> Vec<ResourceId> {
    let release = b.release;
    let standard_id = b.calendar_id();
    let frankfurt_id = b.calendar_id();
    let mut frankfurt = Calendar::standard(frankfurt_id, "Frankfurt office (Hesse holidays)");
    frankfurt.exceptions = hesse_holidays_2027();
    b.plan.calendars = vec![Calendar::standard(standard_id, "Standard"), frankfurt];
    b.plan.portfolio = Portfolio {
        name: format!("Generated portfolio ({tasks} tasks, seed {seed})"),
    };
    b.plan.settings.default_calendar = Some(standard_id);
    b.plan.settings.status_date = None;
    b.plan.settings.currency = "EUR".into();
    b.plan.releases.push(Release {
        id: release,
        code: format!("GEN-{tasks}"),
        name: format!("Generated release of {tasks} tasks"),
        kind: ReleaseKind::Enterprise,
        owner: RELEASE_MANAGER.into(),
        description: format!("Benchmark plan generated from seed {seed}."),
        start: at(2027, 1, 4, 8, 0),
        target: None,
        status: ReleaseStatus::Planning,
        calendar_id: Some(frankfurt_id),
        budget: None,
    });
    b.blackout(
        "Quarter-end & Easter freeze",
        date(2027, 3, 25),
        date(2027, 4, 5),
    );

    let n_resources = (tasks / 50).clamp(4, 2000);
    (0..n_resources)
        .map(|i| {
            let kind = match i % 10 {
                0 => ResourceKind::Environment,
                1 | 2 => ResourceKind::Team,
                _ => ResourceKind::Person,
            };
            let units = if kind == ResourceKind::Team { 4.0 } else { 1.0 };
            b.resource(
                &format!("Resource {}", i + 1),
                kind,
                60 + (i as i64 * 7) % 60,
                units,
                None,
            )
        })
        .collect()
}

/// One leaf task of a random kind and duration, with an estimate for half the tasks and a
/// resource for every task with a duration.
fn sized_leaf(
    b: &mut Builder,
    rng: &mut Lcg,
    level: u16,
    resources: &[ResourceId],
) -> (TaskId, TaskKind) {
    let number = b.plan.tasks.len() + 1;
    let roll = rng.below(100);
    let owner = OWNERS[rng.below(OWNERS.len() as u64) as usize];
    let (kind, duration) = match roll {
        0 => (TaskKind::Gate, Duration::ZERO),
        1..=3 => (TaskKind::Milestone, Duration::ZERO),
        4..=7 => (TaskKind::Deployment, hours(1 + rng.below(6) as i64)),
        8..=27 => (TaskKind::Task, hours(1 + rng.below(16) as i64)),
        _ => (TaskKind::Task, days(1 + rng.below(15) as i64)),
    };
    let name = match kind {
        TaskKind::Gate => format!("Gate {number}"),
        TaskKind::Milestone => format!("Milestone {number}"),
        TaskKind::Deployment => format!("Deploy increment {number}"),
        TaskKind::Task => format!(
            "{} {} #{number}",
            VERBS[rng.below(10) as usize],
            OBJECTS[rng.below(10) as usize]
        ),
    };
    let id = b.row(level, kind, &name, duration, owner);
    if kind == TaskKind::Task && rng.below(2) == 0 {
        let m = duration.minutes();
        b.last().estimate = Some(ThreePoint {
            optimistic: WorkMinutes(m * 8 / 10),
            most_likely: WorkMinutes(m),
            pessimistic: WorkMinutes(m * 3 / 2),
        });
    }
    if !duration.is_zero() {
        let r = resources[rng.below(resources.len() as u64) as usize];
        let units = if rng.below(4) == 0 { 0.5 } else { 1.0 };
        b.assign(id, r, units);
    }
    (id, kind)
}

/// Two to five predecessors of `id` among the earlier leaves (mostly recent ones), so the
/// links form a DAG.
fn sized_links(
    b: &mut Builder,
    rng: &mut Lcg,
    leaves: &[TaskId],
    id: TaskId,
    preds: &mut Vec<TaskId>,
) {
    let j = leaves.len();
    if j > 0 {
        let k = 2 + rng.below(4) as usize;
        preds.clear();
        for _ in 0..k {
            let p = if rng.below(10) == 0 {
                leaves[rng.below(j as u64) as usize]
            } else {
                leaves[j - 1 - rng.below(j.min(40) as u64) as usize]
            };
            if preds.contains(&p) {
                continue;
            }
            preds.push(p);
            let kind = match rng.below(100) {
                0..=69 => LinkType::FS,
                70..=81 => LinkType::SS,
                82..=93 => LinkType::FF,
                _ => LinkType::SF,
            };
            let lag = match rng.below(20) {
                0..=13 => Lag::ZERO,
                14..=15 => lag_days(1),
                16 => lag_days(2),
                17 => Lag::Working(WorkMinutes::hours(4)),
                18 => Lag::Working(WorkMinutes::hours(-4)),
                _ => Lag::Elapsed(24 * 60),
            };
            b.link(p, id, kind, lag);
        }
    }
}

/// Gates on the first 50 gate tasks (approved, pending, waived, rejected in turn) and the
/// generated risks.
fn sized_gates_and_risks(
    b: &mut Builder,
    rng: &mut Lcg,
    gate_tasks: &[TaskId],
    leaves: &[TaskId],
    tasks: usize,
) {
    let release = b.release;
    for (i, &t) in gate_tasks.iter().take(50).enumerate() {
        let decision = match i % 4 {
            0 => Decision::Approved,
            1 => Decision::Pending,
            2 => Decision::Waived,
            _ => Decision::Rejected,
        };
        let decided_at = (decision != Decision::Pending).then(|| at(2027, 1, 15, 12, 0));
        b.gate(
            t,
            &[("Entry criteria met", i % 2 == 0)],
            vec![
                approver(QA_LEAD, "QA lead", decision, decided_at, ""),
                pending(CHANGE_MANAGER, "Change manager"),
            ],
        );
    }
    let n_risks = (tasks / 1000).clamp(5, 100).min(leaves.len());
    for i in 0..n_risks {
        let id = RiskId::from_u128(b.next(K_RISK));
        let t = leaves[rng.below(leaves.len() as u64) as usize];
        b.plan.risks.push(Risk {
            id,
            release_id: release,
            title: format!("Generated risk {}", i + 1),
            description: String::new(),
            probability: (1 + rng.below(9)) as f64 / 10.0,
            schedule_impact: WorkMinutes::days(1 + rng.below(10) as i64),
            cost_impact: Money::from_units(1_000 * (1 + rng.below(50) as i64)),
            owner: OWNERS[i % OWNERS.len()].into(),
            status: RiskStatus::Open,
            trigger: String::new(),
            mitigation: String::new(),
            contingency: String::new(),
            task_ids: vec![t],
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{HashMap, HashSet};

    /// Tasks followed by a deeper row.
    fn summaries(plan: &Plan) -> HashSet<TaskId> {
        plan.tasks
            .windows(2)
            .filter(|w| w[1].outline_level > w[0].outline_level)
            .map(|w| w[0].id)
            .collect()
    }

    /// Kahn's algorithm: true when every task can be ordered.
    fn is_dag(plan: &Plan) -> bool {
        let index: HashMap<TaskId, usize> = plan
            .tasks
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id, i))
            .collect();
        let mut indegree = vec![0usize; plan.tasks.len()];
        let mut out: Vec<Vec<usize>> = vec![Vec::new(); plan.tasks.len()];
        for l in &plan.links {
            let (p, s) = (index[&l.predecessor], index[&l.successor]);
            out[p].push(s);
            indegree[s] += 1;
        }
        let mut queue: Vec<usize> = (0..plan.tasks.len())
            .filter(|&i| indegree[i] == 0)
            .collect();
        let mut seen = 0;
        while let Some(i) = queue.pop() {
            seen += 1;
            for &s in &out[i] {
                indegree[s] -= 1;
                if indegree[s] == 0 {
                    queue.push(s);
                }
            }
        }
        seen == plan.tasks.len()
    }

    #[test]
    fn demo_plan_validates() {
        demo_plan().validate().unwrap();
    }

    #[test]
    fn demo_plan_is_deterministic() {
        assert_eq!(demo_plan(), demo_plan());
        assert_eq!(demo_plan_sized(500, 7), demo_plan_sized(500, 7));
        assert_ne!(demo_plan_sized(500, 7), demo_plan_sized(500, 8));
    }

    #[test]
    fn demo_plan_has_the_promised_content() {
        let p = demo_plan();
        assert!(p.releases.len() >= 3, "a portfolio of releases");
        let r = &p.releases[0];
        assert_eq!(r.code, "R2027.1");
        assert!(r.target.is_some());
        assert!(p.settings.default_calendar.is_some());
        assert!(p.settings.status_date.is_some());
        assert_eq!(p.settings.currency, "EUR");

        assert!(p.projects.len() >= 5);
        let departments: HashSet<&str> = p.projects.iter().map(|p| p.department.as_str()).collect();
        assert!(departments.len() >= 3);
        assert!(p.projects.iter().all(|p| !p.owner.is_empty()));
        assert!(
            p.projects.iter().any(|p| !p.owner.is_ascii()),
            "non-ASCII owner names"
        );
        assert!(
            (60..=150).contains(&p.tasks.len()),
            "{} tasks",
            p.tasks.len()
        );
        assert!(p.tasks.iter().any(|t| t.outline_level == 3));

        let kinds: HashSet<LinkType> = p.links.iter().map(|l| l.kind).collect();
        assert_eq!(kinds.len(), 4, "all four link types");
        assert!(p
            .links
            .iter()
            .any(|l| matches!(l.lag, Lag::Working(w) if w.0 > 0)));
        assert!(p
            .links
            .iter()
            .any(|l| matches!(l.lag, Lag::Working(w) if w.0 < 0)));
        assert!(p.links.iter().any(|l| matches!(l.lag, Lag::Elapsed(_))));

        let project_of: HashMap<TaskId, ProjectId> =
            p.tasks.iter().map(|t| (t.id, t.project_id)).collect();
        let cross = p
            .links
            .iter()
            .filter(|l| project_of[&l.predecessor] != project_of[&l.successor])
            .count();
        assert!(cross >= 5, "{cross} cross-project links");

        assert!(p.gates.len() >= 3);
        let gate_tasks: HashMap<TaskId, &Task> = p.tasks.iter().map(|t| (t.id, t)).collect();
        for g in &p.gates {
            assert_eq!(gate_tasks[&g.task_id].kind, TaskKind::Gate);
            assert!(!g.criteria.is_empty() && !g.approvers.is_empty());
        }
        let decisions: HashSet<String> = p
            .gates
            .iter()
            .flat_map(|g| &g.approvers)
            .map(|a| format!("{:?}", a.decision))
            .collect();
        assert!(decisions.len() >= 3, "{decisions:?}");
        let states: HashSet<String> = p.gates.iter().map(|g| format!("{:?}", g.state())).collect();
        assert!(states.len() >= 2, "{states:?}");

        assert!(p.risks.len() >= 5);
        assert!(p.risks.iter().all(|r| !r.task_ids.is_empty()));
        assert!(!p.blackouts.is_empty());
        assert!(p.tasks.iter().any(|t| t.kind == TaskKind::Deployment));
        let release_cal = p
            .calendars
            .iter()
            .find(|c| Some(c.id) == r.calendar_id)
            .expect("the release's calendar");
        assert!(release_cal
            .exceptions
            .iter()
            .any(|e| e.working.is_empty() && e.start == date(2027, 3, 26)));

        assert!(p.resources.iter().all(|r| r.cost_rate.0 > 0));
        for kind in [
            ResourceKind::Person,
            ResourceKind::Team,
            ResourceKind::Environment,
        ] {
            assert!(p.resources.iter().any(|r| r.kind == kind));
        }
        assert!(p.assignments.len() >= 40);
        assert!(p.tasks.iter().filter(|t| t.estimate.is_some()).count() >= 30);
        assert!(p
            .tasks
            .iter()
            .any(|t| matches!(t.constraint, Constraint::Snet(_))));
        assert!(p.tasks.iter().any(|t| t.deadline.is_some()));
        assert!(p.tasks.iter().any(|t| t.progress.percent_complete == 100));
        assert!(p
            .tasks
            .iter()
            .any(|t| (1..100).contains(&t.progress.percent_complete)));
    }

    #[test]
    fn demo_progress_is_before_the_status_date() {
        let p = demo_plan();
        let status = p.settings.status_date.unwrap();
        for t in &p.tasks {
            let pr = t.progress;
            assert!(pr.actual_start.is_none_or(|d| d <= status), "{}", t.name);
            assert!(pr.actual_finish.is_none_or(|d| d <= status), "{}", t.name);
            assert_eq!(
                pr.actual_finish.is_some(),
                pr.percent_complete == 100,
                "{}",
                t.name
            );
        }
        for a in p.gates.iter().flat_map(|g| &g.approvers) {
            assert_eq!(a.decided_at.is_some(), a.decision != Decision::Pending);
            assert!(a.decided_at.is_none_or(|d| d <= status));
        }
    }

    #[test]
    fn demo_links_avoid_summaries_and_form_a_dag() {
        let p = demo_plan();
        let sums = summaries(&p);
        assert!(sums.len() >= 9);
        for l in &p.links {
            assert!(!sums.contains(&l.predecessor) && !sums.contains(&l.successor));
        }
        assert!(is_dag(&p));
        // Every leaf but the kickoff is driven by some predecessor.
        let driven: HashSet<TaskId> = p.links.iter().map(|l| l.successor).collect();
        let undriven: Vec<&str> = p
            .tasks
            .iter()
            .filter(|t| !sums.contains(&t.id) && !driven.contains(&t.id))
            .map(|t| t.name.as_str())
            .collect();
        assert_eq!(undriven, ["Release kickoff"]);
    }

    #[test]
    fn sized_plan_validates_and_is_a_dag() {
        let p = demo_plan_sized(5000, 1);
        p.validate().unwrap();
        assert_eq!(p.tasks.len(), 5000);
        assert!(p.projects.len() >= 10);
        let per_task = p.links.len() as f64 / p.tasks.len() as f64;
        assert!((2.5..=3.6).contains(&per_task), "{per_task} links per task");
        assert!(p
            .links
            .iter()
            .all(|l| l.predecessor.0.as_u128() < l.successor.0.as_u128()));
        let sums = summaries(&p);
        assert!(p
            .links
            .iter()
            .all(|l| !sums.contains(&l.predecessor) && !sums.contains(&l.successor)));
        assert!(is_dag(&p));
        let kinds: HashSet<LinkType> = p.links.iter().map(|l| l.kind).collect();
        assert_eq!(kinds.len(), 4);
    }

    #[test]
    fn sized_plan_handles_tiny_sizes() {
        for n in 0..12 {
            let p = demo_plan_sized(n, 3);
            p.validate().unwrap();
            assert_eq!(p.tasks.len(), n);
            assert!(is_dag(&p));
        }
    }
}
