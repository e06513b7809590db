//! The example's files that the demonstration's history changes more than
//! once, by name, so that the script reads as a story and a path is spelled
//! in one place.

pub const SKILLS: &str = "roadmap/dispatch/skills-based-assignment.md";
pub const ROUTE: &str = "roadmap/dispatch/route-optimizer-v2.md";
pub const LOCKING: &str = "roadmap/dispatch/manual-route-locking.md";
pub const RESHUFFLE: &str = "roadmap/dispatch/same-day-reshuffle.md";
pub const GEO: &str = "roadmap/dispatch/geo-data-pipeline.md";
pub const FORMS: &str = "roadmap/mobile/digital-forms.md";
pub const OFFLINE: &str = "roadmap/mobile/offline-mode.md";
pub const IMPORT: &str = "roadmap/growth/guided-data-import.md";
pub const BOOKING: &str = "roadmap/homeowner/online-booking-widget.md";
pub const AUDIT: &str = "roadmap/platform/audit-log.md";
pub const ON_PREM: &str = "roadmap/platform/on-prem-edition.md";
/// Where single sign-on and SCIM lived until they moved under `identity/`.
pub const SSO_BEFORE: &str = "roadmap/platform/sso.md";
pub const SCIM_BEFORE: &str = "roadmap/platform/scim-provisioning.md";
pub const ROUTING_LICENCE: &str = "decisions/use-third-party-routing-engine.md";
pub const FREEZE: &str = "decisions/quarterly-roadmap-freeze.md";
pub const SSO: &str = "roadmap/platform/identity/sso.md";
pub const SCIM: &str = "roadmap/platform/identity/scim-provisioning.md";
pub const SAML: &str = "decisions/saml-before-oidc.md";
pub const SECURITY: &str = "goals/enterprise/pass-security-reviews.md";
pub const API: &str = "roadmap/platform/public-api-v2.md";
pub const BOARD: &str = "roadmap/dispatch/dispatch-board-redesign.md";
pub const PARTNERS: &str = "roadmap/growth/partner-referral-program.md";
pub const PRICING: &str = "roadmap/growth/usage-based-pricing.yaml";
pub const PAYMENTS: &str = "roadmap/homeowner/homeowner-payments.md";
pub const SMS: &str = "roadmap/platform/sms-gateway-migration.yaml";
pub const SANDBOX: &str = "roadmap/growth/sample-data-sandbox.md";
pub const LOCATION: &str = "roadmap/mobile/live-technician-location.md";
pub const TEXTS: &str = "roadmap/homeowner/on-my-way-texts.md";
pub const CRDT: &str = "decisions/offline-sync-crdt.md";
