/**
 * The CMMC requirement catalog: 15 Level 1, 110 Level 2 and 24 Level 3 security requirements
 * as typed data. This is the project's one source of truth for ids, titles, DoD point values
 * (32 CFR 170.24(c)(2)(i)(B), 170.24(c)(3)) and POA&M eligibility (32 CFR 170.21(a)).
 *
 * Facts were verified against the final rule (89 FR 83092), the DoD Assessment Methodology
 * v1.2.1 and the CMMC Model Overview v2.13. Level 2 point values sum to 313 (score floor -203).
 */
import { editDistance } from './closest';

export type Level = 1 | 2 | 3;

/**
 * POA&M eligibility of a requirement on its own level's POA&M:
 * - `yes`: may be deferred (1 point, not excluded), subject to the score threshold.
 * - `conditional`: SC.L2-3.13.11 only, when encryption is employed but not FIPS-validated.
 * - `no`: point value above 1 (Level 2), or any Level 1 requirement.
 * - `excluded`: named by 170.21(a)(2)(iii) or (a)(3)(ii) as never deferrable.
 */
export type PoamEligibility = 'yes' | 'conditional' | 'no' | 'excluded';

export interface Requirement {
  readonly id: string;
  readonly level: Level;
  readonly family: string;
  /** NIST SP 800-171 / 800-172 requirement number(s) it derives from. */
  readonly nist: string;
  readonly title: string;
  /** DoD point value deducted when not met; null at Level 1 (all-or-nothing), 0 for CA.L2-3.12.4. */
  readonly points: number | null;
  /** The paragraph of 32 CFR 170.24 that sets the point value. */
  readonly pointsParagraph?: string;
  /** Partial credit (170.24(c)(2)(i)(B)(4)): deduct `points` instead when `field` has `value`. */
  readonly partial?: { readonly field: 'mfa' | 'encryption'; readonly value: string; readonly points: number };
  readonly poam: PoamEligibility;
  /** The paragraph of 32 CFR 170.21 that decides its POA&M eligibility. */
  readonly poamParagraph: string;
}

// biome-ignore format: one requirement per line reads like the catalog it is copied from
export const REQUIREMENTS: readonly Requirement[] = [
  { id: "AC.L1-b.1.i", level: 1, family: "Access Control", nist: "3.1.1", title: "Authorized Access Control [FCI Data]", points: null, poam: "no", poamParagraph: "170.21(a)(1)" },
  { id: "AC.L1-b.1.ii", level: 1, family: "Access Control", nist: "3.1.2", title: "Transaction & Function Control [FCI Data]", points: null, poam: "no", poamParagraph: "170.21(a)(1)" },
  { id: "AC.L1-b.1.iii", level: 1, family: "Access Control", nist: "3.1.20", title: "External Connections [FCI Data]", points: null, poam: "no", poamParagraph: "170.21(a)(1)" },
  { id: "AC.L1-b.1.iv", level: 1, family: "Access Control", nist: "3.1.22", title: "Control Public Information [FCI Data]", points: null, poam: "no", poamParagraph: "170.21(a)(1)" },
  { id: "IA.L1-b.1.v", level: 1, family: "Identification and Authentication", nist: "3.5.1", title: "Identification [FCI Data]", points: null, poam: "no", poamParagraph: "170.21(a)(1)" },
  { id: "IA.L1-b.1.vi", level: 1, family: "Identification and Authentication", nist: "3.5.2", title: "Authentication [FCI Data]", points: null, poam: "no", poamParagraph: "170.21(a)(1)" },
  { id: "MP.L1-b.1.vii", level: 1, family: "Media Protection", nist: "3.8.3", title: "Media Disposal [FCI Data]", points: null, poam: "no", poamParagraph: "170.21(a)(1)" },
  { id: "PE.L1-b.1.viii", level: 1, family: "Physical Protection", nist: "3.10.1", title: "Limit Physical Access [FCI Data]", points: null, poam: "no", poamParagraph: "170.21(a)(1)" },
  { id: "PE.L1-b.1.ix", level: 1, family: "Physical Protection", nist: "3.10.3, 3.10.4, 3.10.5", title: "Manage Visitors & Physical Access [FCI Data]", points: null, poam: "no", poamParagraph: "170.21(a)(1)" },
  { id: "SC.L1-b.1.x", level: 1, family: "System and Communications Protection", nist: "3.13.1", title: "Boundary Protection [FCI Data]", points: null, poam: "no", poamParagraph: "170.21(a)(1)" },
  { id: "SC.L1-b.1.xi", level: 1, family: "System and Communications Protection", nist: "3.13.5", title: "Public-Access System Separation [FCI Data]", points: null, poam: "no", poamParagraph: "170.21(a)(1)" },
  { id: "SI.L1-b.1.xii", level: 1, family: "System and Information Integrity", nist: "3.14.1", title: "Flaw Remediation [FCI Data]", points: null, poam: "no", poamParagraph: "170.21(a)(1)" },
  { id: "SI.L1-b.1.xiii", level: 1, family: "System and Information Integrity", nist: "3.14.2", title: "Malicious Code Protection [FCI Data]", points: null, poam: "no", poamParagraph: "170.21(a)(1)" },
  { id: "SI.L1-b.1.xiv", level: 1, family: "System and Information Integrity", nist: "3.14.4", title: "Update Malicious Code Protection [FCI Data]", points: null, poam: "no", poamParagraph: "170.21(a)(1)" },
  { id: "SI.L1-b.1.xv", level: 1, family: "System and Information Integrity", nist: "3.14.5", title: "System & File Scanning [FCI Data]", points: null, poam: "no", poamParagraph: "170.21(a)(1)" },
  { id: "AC.L2-3.1.1", level: 2, family: "Access Control", nist: "3.1.1", title: "Authorized Access Control [CUI Data]", points: 5, pointsParagraph: "170.24(c)(2)(i)(B)(1)", poam: "no", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "AC.L2-3.1.2", level: 2, family: "Access Control", nist: "3.1.2", title: "Transaction & Function Control [CUI Data]", points: 5, pointsParagraph: "170.24(c)(2)(i)(B)(1)", poam: "no", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "AC.L2-3.1.3", level: 2, family: "Access Control", nist: "3.1.3", title: "Control CUI Flow", points: 1, pointsParagraph: "170.24(c)(2)(i)(B)(3)", poam: "yes", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "AC.L2-3.1.4", level: 2, family: "Access Control", nist: "3.1.4", title: "Separation of Duties", points: 1, pointsParagraph: "170.24(c)(2)(i)(B)(3)", poam: "yes", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "AC.L2-3.1.5", level: 2, family: "Access Control", nist: "3.1.5", title: "Least Privilege", points: 3, pointsParagraph: "170.24(c)(2)(i)(B)(2)", poam: "no", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "AC.L2-3.1.6", level: 2, family: "Access Control", nist: "3.1.6", title: "Non-Privileged Account Use", points: 1, pointsParagraph: "170.24(c)(2)(i)(B)(3)", poam: "yes", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "AC.L2-3.1.7", level: 2, family: "Access Control", nist: "3.1.7", title: "Privileged Functions", points: 1, pointsParagraph: "170.24(c)(2)(i)(B)(3)", poam: "yes", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "AC.L2-3.1.8", level: 2, family: "Access Control", nist: "3.1.8", title: "Unsuccessful Logon Attempts", points: 1, pointsParagraph: "170.24(c)(2)(i)(B)(3)", poam: "yes", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "AC.L2-3.1.9", level: 2, family: "Access Control", nist: "3.1.9", title: "Privacy & Security Notices", points: 1, pointsParagraph: "170.24(c)(2)(i)(B)(3)", poam: "yes", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "AC.L2-3.1.10", level: 2, family: "Access Control", nist: "3.1.10", title: "Session Lock", points: 1, pointsParagraph: "170.24(c)(2)(i)(B)(3)", poam: "yes", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "AC.L2-3.1.11", level: 2, family: "Access Control", nist: "3.1.11", title: "Session Termination", points: 1, pointsParagraph: "170.24(c)(2)(i)(B)(3)", poam: "yes", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "AC.L2-3.1.12", level: 2, family: "Access Control", nist: "3.1.12", title: "Control Remote Access", points: 5, pointsParagraph: "170.24(c)(2)(i)(B)(1)", poam: "no", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "AC.L2-3.1.13", level: 2, family: "Access Control", nist: "3.1.13", title: "Remote Access Confidentiality", points: 5, pointsParagraph: "170.24(c)(2)(i)(B)(1)", poam: "no", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "AC.L2-3.1.14", level: 2, family: "Access Control", nist: "3.1.14", title: "Remote Access Routing", points: 1, pointsParagraph: "170.24(c)(2)(i)(B)(3)", poam: "yes", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "AC.L2-3.1.15", level: 2, family: "Access Control", nist: "3.1.15", title: "Privileged Remote Access", points: 1, pointsParagraph: "170.24(c)(2)(i)(B)(3)", poam: "yes", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "AC.L2-3.1.16", level: 2, family: "Access Control", nist: "3.1.16", title: "Wireless Access Authorization", points: 5, pointsParagraph: "170.24(c)(2)(i)(B)(1)", poam: "no", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "AC.L2-3.1.17", level: 2, family: "Access Control", nist: "3.1.17", title: "Wireless Access Protection", points: 5, pointsParagraph: "170.24(c)(2)(i)(B)(1)", poam: "no", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "AC.L2-3.1.18", level: 2, family: "Access Control", nist: "3.1.18", title: "Mobile Device Connection", points: 5, pointsParagraph: "170.24(c)(2)(i)(B)(1)", poam: "no", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "AC.L2-3.1.19", level: 2, family: "Access Control", nist: "3.1.19", title: "Encrypt CUI on Mobile", points: 3, pointsParagraph: "170.24(c)(2)(i)(B)(2)", poam: "no", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "AC.L2-3.1.20", level: 2, family: "Access Control", nist: "3.1.20", title: "External Connections [CUI Data]", points: 1, pointsParagraph: "170.24(c)(2)(i)(B)(3)", poam: "excluded", poamParagraph: "170.21(a)(2)(iii)(A)" },
  { id: "AC.L2-3.1.21", level: 2, family: "Access Control", nist: "3.1.21", title: "Portable Storage Use", points: 1, pointsParagraph: "170.24(c)(2)(i)(B)(3)", poam: "yes", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "AC.L2-3.1.22", level: 2, family: "Access Control", nist: "3.1.22", title: "Control Public Information [CUI Data]", points: 1, pointsParagraph: "170.24(c)(2)(i)(B)(3)", poam: "excluded", poamParagraph: "170.21(a)(2)(iii)(B)" },
  { id: "AT.L2-3.2.1", level: 2, family: "Awareness and Training", nist: "3.2.1", title: "Role-Based Risk Awareness", points: 5, pointsParagraph: "170.24(c)(2)(i)(B)(1)", poam: "no", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "AT.L2-3.2.2", level: 2, family: "Awareness and Training", nist: "3.2.2", title: "Role-Based Training", points: 5, pointsParagraph: "170.24(c)(2)(i)(B)(1)", poam: "no", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "AT.L2-3.2.3", level: 2, family: "Awareness and Training", nist: "3.2.3", title: "Insider Threat Awareness", points: 1, pointsParagraph: "170.24(c)(2)(i)(B)(3)", poam: "yes", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "AU.L2-3.3.1", level: 2, family: "Audit and Accountability", nist: "3.3.1", title: "System Auditing", points: 5, pointsParagraph: "170.24(c)(2)(i)(B)(1)", poam: "no", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "AU.L2-3.3.2", level: 2, family: "Audit and Accountability", nist: "3.3.2", title: "User Accountability", points: 3, pointsParagraph: "170.24(c)(2)(i)(B)(2)", poam: "no", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "AU.L2-3.3.3", level: 2, family: "Audit and Accountability", nist: "3.3.3", title: "Event Review", points: 1, pointsParagraph: "170.24(c)(2)(i)(B)(3)", poam: "yes", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "AU.L2-3.3.4", level: 2, family: "Audit and Accountability", nist: "3.3.4", title: "Audit Failure Alerting", points: 1, pointsParagraph: "170.24(c)(2)(i)(B)(3)", poam: "yes", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "AU.L2-3.3.5", level: 2, family: "Audit and Accountability", nist: "3.3.5", title: "Audit Correlation", points: 5, pointsParagraph: "170.24(c)(2)(i)(B)(1)", poam: "no", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "AU.L2-3.3.6", level: 2, family: "Audit and Accountability", nist: "3.3.6", title: "Reduction & Reporting", points: 1, pointsParagraph: "170.24(c)(2)(i)(B)(3)", poam: "yes", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "AU.L2-3.3.7", level: 2, family: "Audit and Accountability", nist: "3.3.7", title: "Authoritative Time Source", points: 1, pointsParagraph: "170.24(c)(2)(i)(B)(3)", poam: "yes", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "AU.L2-3.3.8", level: 2, family: "Audit and Accountability", nist: "3.3.8", title: "Audit Protection", points: 1, pointsParagraph: "170.24(c)(2)(i)(B)(3)", poam: "yes", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "AU.L2-3.3.9", level: 2, family: "Audit and Accountability", nist: "3.3.9", title: "Audit Management", points: 1, pointsParagraph: "170.24(c)(2)(i)(B)(3)", poam: "yes", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "CM.L2-3.4.1", level: 2, family: "Configuration Management", nist: "3.4.1", title: "System Baselining", points: 5, pointsParagraph: "170.24(c)(2)(i)(B)(1)", poam: "no", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "CM.L2-3.4.2", level: 2, family: "Configuration Management", nist: "3.4.2", title: "Security Configuration Enforcement", points: 5, pointsParagraph: "170.24(c)(2)(i)(B)(1)", poam: "no", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "CM.L2-3.4.3", level: 2, family: "Configuration Management", nist: "3.4.3", title: "System Change Management", points: 1, pointsParagraph: "170.24(c)(2)(i)(B)(3)", poam: "yes", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "CM.L2-3.4.4", level: 2, family: "Configuration Management", nist: "3.4.4", title: "Security Impact Analysis", points: 1, pointsParagraph: "170.24(c)(2)(i)(B)(3)", poam: "yes", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "CM.L2-3.4.5", level: 2, family: "Configuration Management", nist: "3.4.5", title: "Access Restrictions for Change", points: 5, pointsParagraph: "170.24(c)(2)(i)(B)(1)", poam: "no", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "CM.L2-3.4.6", level: 2, family: "Configuration Management", nist: "3.4.6", title: "Least Functionality", points: 5, pointsParagraph: "170.24(c)(2)(i)(B)(1)", poam: "no", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "CM.L2-3.4.7", level: 2, family: "Configuration Management", nist: "3.4.7", title: "Nonessential Functionality", points: 5, pointsParagraph: "170.24(c)(2)(i)(B)(1)", poam: "no", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "CM.L2-3.4.8", level: 2, family: "Configuration Management", nist: "3.4.8", title: "Application Execution Policy", points: 5, pointsParagraph: "170.24(c)(2)(i)(B)(1)", poam: "no", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "CM.L2-3.4.9", level: 2, family: "Configuration Management", nist: "3.4.9", title: "User-Installed Software", points: 1, pointsParagraph: "170.24(c)(2)(i)(B)(3)", poam: "yes", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "IA.L2-3.5.1", level: 2, family: "Identification and Authentication", nist: "3.5.1", title: "Identification [CUI Data]", points: 5, pointsParagraph: "170.24(c)(2)(i)(B)(1)", poam: "no", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "IA.L2-3.5.2", level: 2, family: "Identification and Authentication", nist: "3.5.2", title: "Authentication [CUI Data]", points: 5, pointsParagraph: "170.24(c)(2)(i)(B)(1)", poam: "no", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "IA.L2-3.5.3", level: 2, family: "Identification and Authentication", nist: "3.5.3", title: "Multifactor Authentication", points: 5, pointsParagraph: "170.24(c)(2)(i)(B)(4)(i)", partial: { field: "mfa", value: "remote-and-privileged", points: 3 }, poam: "no", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "IA.L2-3.5.4", level: 2, family: "Identification and Authentication", nist: "3.5.4", title: "Replay-Resistant Authentication", points: 1, pointsParagraph: "170.24(c)(2)(i)(B)(3)", poam: "yes", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "IA.L2-3.5.5", level: 2, family: "Identification and Authentication", nist: "3.5.5", title: "Identifier Reuse", points: 1, pointsParagraph: "170.24(c)(2)(i)(B)(3)", poam: "yes", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "IA.L2-3.5.6", level: 2, family: "Identification and Authentication", nist: "3.5.6", title: "Identifier Handling", points: 1, pointsParagraph: "170.24(c)(2)(i)(B)(3)", poam: "yes", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "IA.L2-3.5.7", level: 2, family: "Identification and Authentication", nist: "3.5.7", title: "Password Complexity", points: 1, pointsParagraph: "170.24(c)(2)(i)(B)(3)", poam: "yes", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "IA.L2-3.5.8", level: 2, family: "Identification and Authentication", nist: "3.5.8", title: "Password Reuse", points: 1, pointsParagraph: "170.24(c)(2)(i)(B)(3)", poam: "yes", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "IA.L2-3.5.9", level: 2, family: "Identification and Authentication", nist: "3.5.9", title: "Temporary Passwords", points: 1, pointsParagraph: "170.24(c)(2)(i)(B)(3)", poam: "yes", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "IA.L2-3.5.10", level: 2, family: "Identification and Authentication", nist: "3.5.10", title: "Cryptographically-Protected Passwords", points: 5, pointsParagraph: "170.24(c)(2)(i)(B)(1)", poam: "no", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "IA.L2-3.5.11", level: 2, family: "Identification and Authentication", nist: "3.5.11", title: "Obscure Feedback", points: 1, pointsParagraph: "170.24(c)(2)(i)(B)(3)", poam: "yes", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "IR.L2-3.6.1", level: 2, family: "Incident Response", nist: "3.6.1", title: "Incident Handling", points: 5, pointsParagraph: "170.24(c)(2)(i)(B)(1)", poam: "no", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "IR.L2-3.6.2", level: 2, family: "Incident Response", nist: "3.6.2", title: "Incident Reporting", points: 5, pointsParagraph: "170.24(c)(2)(i)(B)(1)", poam: "no", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "IR.L2-3.6.3", level: 2, family: "Incident Response", nist: "3.6.3", title: "Incident Response Testing", points: 1, pointsParagraph: "170.24(c)(2)(i)(B)(3)", poam: "yes", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "MA.L2-3.7.1", level: 2, family: "Maintenance", nist: "3.7.1", title: "Perform Maintenance", points: 3, pointsParagraph: "170.24(c)(2)(i)(B)(2)", poam: "no", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "MA.L2-3.7.2", level: 2, family: "Maintenance", nist: "3.7.2", title: "System Maintenance Control", points: 5, pointsParagraph: "170.24(c)(2)(i)(B)(1)", poam: "no", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "MA.L2-3.7.3", level: 2, family: "Maintenance", nist: "3.7.3", title: "Equipment Sanitization", points: 1, pointsParagraph: "170.24(c)(2)(i)(B)(3)", poam: "yes", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "MA.L2-3.7.4", level: 2, family: "Maintenance", nist: "3.7.4", title: "Media Inspection", points: 3, pointsParagraph: "170.24(c)(2)(i)(B)(2)", poam: "no", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "MA.L2-3.7.5", level: 2, family: "Maintenance", nist: "3.7.5", title: "Nonlocal Maintenance", points: 5, pointsParagraph: "170.24(c)(2)(i)(B)(1)", poam: "no", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "MA.L2-3.7.6", level: 2, family: "Maintenance", nist: "3.7.6", title: "Maintenance Personnel", points: 1, pointsParagraph: "170.24(c)(2)(i)(B)(3)", poam: "yes", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "MP.L2-3.8.1", level: 2, family: "Media Protection", nist: "3.8.1", title: "Media Protection", points: 3, pointsParagraph: "170.24(c)(2)(i)(B)(2)", poam: "no", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "MP.L2-3.8.2", level: 2, family: "Media Protection", nist: "3.8.2", title: "Media Access", points: 3, pointsParagraph: "170.24(c)(2)(i)(B)(2)", poam: "no", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "MP.L2-3.8.3", level: 2, family: "Media Protection", nist: "3.8.3", title: "Media Disposal [CUI Data]", points: 5, pointsParagraph: "170.24(c)(2)(i)(B)(1)", poam: "no", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "MP.L2-3.8.4", level: 2, family: "Media Protection", nist: "3.8.4", title: "Media Markings", points: 1, pointsParagraph: "170.24(c)(2)(i)(B)(3)", poam: "yes", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "MP.L2-3.8.5", level: 2, family: "Media Protection", nist: "3.8.5", title: "Media Accountability", points: 1, pointsParagraph: "170.24(c)(2)(i)(B)(3)", poam: "yes", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "MP.L2-3.8.6", level: 2, family: "Media Protection", nist: "3.8.6", title: "Portable Storage Encryption", points: 1, pointsParagraph: "170.24(c)(2)(i)(B)(3)", poam: "yes", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "MP.L2-3.8.7", level: 2, family: "Media Protection", nist: "3.8.7", title: "Removable Media", points: 5, pointsParagraph: "170.24(c)(2)(i)(B)(1)", poam: "no", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "MP.L2-3.8.8", level: 2, family: "Media Protection", nist: "3.8.8", title: "Shared Media", points: 3, pointsParagraph: "170.24(c)(2)(i)(B)(2)", poam: "no", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "MP.L2-3.8.9", level: 2, family: "Media Protection", nist: "3.8.9", title: "Protect Backups", points: 1, pointsParagraph: "170.24(c)(2)(i)(B)(3)", poam: "yes", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "PS.L2-3.9.1", level: 2, family: "Personnel Security", nist: "3.9.1", title: "Screen Individuals", points: 3, pointsParagraph: "170.24(c)(2)(i)(B)(2)", poam: "no", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "PS.L2-3.9.2", level: 2, family: "Personnel Security", nist: "3.9.2", title: "Personnel Actions", points: 5, pointsParagraph: "170.24(c)(2)(i)(B)(1)", poam: "no", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "PE.L2-3.10.1", level: 2, family: "Physical Protection", nist: "3.10.1", title: "Limit Physical Access [CUI Data]", points: 5, pointsParagraph: "170.24(c)(2)(i)(B)(1)", poam: "no", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "PE.L2-3.10.2", level: 2, family: "Physical Protection", nist: "3.10.2", title: "Monitor Facility", points: 5, pointsParagraph: "170.24(c)(2)(i)(B)(1)", poam: "no", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "PE.L2-3.10.3", level: 2, family: "Physical Protection", nist: "3.10.3", title: "Escort Visitors [CUI Data]", points: 1, pointsParagraph: "170.24(c)(2)(i)(B)(3)", poam: "excluded", poamParagraph: "170.21(a)(2)(iii)(D)" },
  { id: "PE.L2-3.10.4", level: 2, family: "Physical Protection", nist: "3.10.4", title: "Physical Access Logs [CUI Data]", points: 1, pointsParagraph: "170.24(c)(2)(i)(B)(3)", poam: "excluded", poamParagraph: "170.21(a)(2)(iii)(E)" },
  { id: "PE.L2-3.10.5", level: 2, family: "Physical Protection", nist: "3.10.5", title: "Manage Physical Access [CUI Data]", points: 1, pointsParagraph: "170.24(c)(2)(i)(B)(3)", poam: "excluded", poamParagraph: "170.21(a)(2)(iii)(F)" },
  { id: "PE.L2-3.10.6", level: 2, family: "Physical Protection", nist: "3.10.6", title: "Alternative Work Sites", points: 1, pointsParagraph: "170.24(c)(2)(i)(B)(3)", poam: "yes", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "RA.L2-3.11.1", level: 2, family: "Risk Assessment", nist: "3.11.1", title: "Risk Assessments", points: 3, pointsParagraph: "170.24(c)(2)(i)(B)(2)", poam: "no", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "RA.L2-3.11.2", level: 2, family: "Risk Assessment", nist: "3.11.2", title: "Vulnerability Scan", points: 5, pointsParagraph: "170.24(c)(2)(i)(B)(1)", poam: "no", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "RA.L2-3.11.3", level: 2, family: "Risk Assessment", nist: "3.11.3", title: "Vulnerability Remediation", points: 1, pointsParagraph: "170.24(c)(2)(i)(B)(3)", poam: "yes", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "CA.L2-3.12.1", level: 2, family: "Security Assessment", nist: "3.12.1", title: "Security Control Assessment", points: 5, pointsParagraph: "170.24(c)(2)(i)(B)(1)", poam: "no", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "CA.L2-3.12.2", level: 2, family: "Security Assessment", nist: "3.12.2", title: "Operational Plan of Action", points: 3, pointsParagraph: "170.24(c)(2)(i)(B)(2)", poam: "no", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "CA.L2-3.12.3", level: 2, family: "Security Assessment", nist: "3.12.3", title: "Security Control Monitoring", points: 5, pointsParagraph: "170.24(c)(2)(i)(B)(1)", poam: "no", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "CA.L2-3.12.4", level: 2, family: "Security Assessment", nist: "3.12.4", title: "System Security Plan", points: 0, pointsParagraph: "170.24(c)(2)(i)(B)(5)", poam: "excluded", poamParagraph: "170.21(a)(2)(iii)(C)" },
  { id: "SC.L2-3.13.1", level: 2, family: "System and Communications Protection", nist: "3.13.1", title: "Boundary Protection [CUI Data]", points: 5, pointsParagraph: "170.24(c)(2)(i)(B)(1)", poam: "no", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "SC.L2-3.13.2", level: 2, family: "System and Communications Protection", nist: "3.13.2", title: "Security Engineering", points: 5, pointsParagraph: "170.24(c)(2)(i)(B)(1)", poam: "no", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "SC.L2-3.13.3", level: 2, family: "System and Communications Protection", nist: "3.13.3", title: "Role Separation", points: 1, pointsParagraph: "170.24(c)(2)(i)(B)(3)", poam: "yes", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "SC.L2-3.13.4", level: 2, family: "System and Communications Protection", nist: "3.13.4", title: "Shared Resource Control", points: 1, pointsParagraph: "170.24(c)(2)(i)(B)(3)", poam: "yes", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "SC.L2-3.13.5", level: 2, family: "System and Communications Protection", nist: "3.13.5", title: "Public-Access System Separation [CUI Data]", points: 5, pointsParagraph: "170.24(c)(2)(i)(B)(1)", poam: "no", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "SC.L2-3.13.6", level: 2, family: "System and Communications Protection", nist: "3.13.6", title: "Network Communication by Exception", points: 5, pointsParagraph: "170.24(c)(2)(i)(B)(1)", poam: "no", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "SC.L2-3.13.7", level: 2, family: "System and Communications Protection", nist: "3.13.7", title: "Split Tunneling", points: 1, pointsParagraph: "170.24(c)(2)(i)(B)(3)", poam: "yes", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "SC.L2-3.13.8", level: 2, family: "System and Communications Protection", nist: "3.13.8", title: "Data in Transit", points: 3, pointsParagraph: "170.24(c)(2)(i)(B)(2)", poam: "no", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "SC.L2-3.13.9", level: 2, family: "System and Communications Protection", nist: "3.13.9", title: "Connections Termination", points: 1, pointsParagraph: "170.24(c)(2)(i)(B)(3)", poam: "yes", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "SC.L2-3.13.10", level: 2, family: "System and Communications Protection", nist: "3.13.10", title: "Key Management", points: 1, pointsParagraph: "170.24(c)(2)(i)(B)(3)", poam: "yes", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "SC.L2-3.13.11", level: 2, family: "System and Communications Protection", nist: "3.13.11", title: "CUI Encryption", points: 5, pointsParagraph: "170.24(c)(2)(i)(B)(4)(ii)", partial: { field: "encryption", value: "not-fips-validated", points: 3 }, poam: "conditional", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "SC.L2-3.13.12", level: 2, family: "System and Communications Protection", nist: "3.13.12", title: "Collaborative Device Control", points: 1, pointsParagraph: "170.24(c)(2)(i)(B)(3)", poam: "yes", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "SC.L2-3.13.13", level: 2, family: "System and Communications Protection", nist: "3.13.13", title: "Mobile Code", points: 1, pointsParagraph: "170.24(c)(2)(i)(B)(3)", poam: "yes", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "SC.L2-3.13.14", level: 2, family: "System and Communications Protection", nist: "3.13.14", title: "Voice over Internet Protocol", points: 1, pointsParagraph: "170.24(c)(2)(i)(B)(3)", poam: "yes", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "SC.L2-3.13.15", level: 2, family: "System and Communications Protection", nist: "3.13.15", title: "Communications Authenticity", points: 5, pointsParagraph: "170.24(c)(2)(i)(B)(1)", poam: "no", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "SC.L2-3.13.16", level: 2, family: "System and Communications Protection", nist: "3.13.16", title: "Data at Rest", points: 1, pointsParagraph: "170.24(c)(2)(i)(B)(3)", poam: "yes", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "SI.L2-3.14.1", level: 2, family: "System and Information Integrity", nist: "3.14.1", title: "Flaw Remediation [CUI Data]", points: 5, pointsParagraph: "170.24(c)(2)(i)(B)(1)", poam: "no", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "SI.L2-3.14.2", level: 2, family: "System and Information Integrity", nist: "3.14.2", title: "Malicious Code Protection [CUI Data]", points: 5, pointsParagraph: "170.24(c)(2)(i)(B)(1)", poam: "no", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "SI.L2-3.14.3", level: 2, family: "System and Information Integrity", nist: "3.14.3", title: "Security Alerts & Advisories", points: 5, pointsParagraph: "170.24(c)(2)(i)(B)(1)", poam: "no", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "SI.L2-3.14.4", level: 2, family: "System and Information Integrity", nist: "3.14.4", title: "Update Malicious Code Protection [CUI Data]", points: 5, pointsParagraph: "170.24(c)(2)(i)(B)(1)", poam: "no", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "SI.L2-3.14.5", level: 2, family: "System and Information Integrity", nist: "3.14.5", title: "System & File Scanning [CUI Data]", points: 3, pointsParagraph: "170.24(c)(2)(i)(B)(2)", poam: "no", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "SI.L2-3.14.6", level: 2, family: "System and Information Integrity", nist: "3.14.6", title: "Monitor Communications for Attacks", points: 5, pointsParagraph: "170.24(c)(2)(i)(B)(1)", poam: "no", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "SI.L2-3.14.7", level: 2, family: "System and Information Integrity", nist: "3.14.7", title: "Identify Unauthorized Use", points: 3, pointsParagraph: "170.24(c)(2)(i)(B)(2)", poam: "no", poamParagraph: "170.21(a)(2)(ii)" },
  { id: "AC.L3-3.1.2e", level: 3, family: "Access Control", nist: "3.1.2e", title: "Organizationally Controlled Assets", points: 1, pointsParagraph: "170.24(c)(3)", poam: "yes", poamParagraph: "170.21(a)(3)(i)" },
  { id: "AC.L3-3.1.3e", level: 3, family: "Access Control", nist: "3.1.3e", title: "Secured Information Transfer", points: 1, pointsParagraph: "170.24(c)(3)", poam: "yes", poamParagraph: "170.21(a)(3)(i)" },
  { id: "AT.L3-3.2.1e", level: 3, family: "Awareness and Training", nist: "3.2.1e", title: "Advanced Threat Awareness", points: 1, pointsParagraph: "170.24(c)(3)", poam: "yes", poamParagraph: "170.21(a)(3)(i)" },
  { id: "AT.L3-3.2.2e", level: 3, family: "Awareness and Training", nist: "3.2.2e", title: "Practical Training Exercises", points: 1, pointsParagraph: "170.24(c)(3)", poam: "yes", poamParagraph: "170.21(a)(3)(i)" },
  { id: "CM.L3-3.4.1e", level: 3, family: "Configuration Management", nist: "3.4.1e", title: "Authoritative Repository", points: 1, pointsParagraph: "170.24(c)(3)", poam: "yes", poamParagraph: "170.21(a)(3)(i)" },
  { id: "CM.L3-3.4.2e", level: 3, family: "Configuration Management", nist: "3.4.2e", title: "Automated Detection & Remediation", points: 1, pointsParagraph: "170.24(c)(3)", poam: "yes", poamParagraph: "170.21(a)(3)(i)" },
  { id: "CM.L3-3.4.3e", level: 3, family: "Configuration Management", nist: "3.4.3e", title: "Automated Inventory", points: 1, pointsParagraph: "170.24(c)(3)", poam: "yes", poamParagraph: "170.21(a)(3)(i)" },
  { id: "IA.L3-3.5.1e", level: 3, family: "Identification and Authentication", nist: "3.5.1e", title: "Bidirectional Authentication", points: 1, pointsParagraph: "170.24(c)(3)", poam: "yes", poamParagraph: "170.21(a)(3)(i)" },
  { id: "IA.L3-3.5.3e", level: 3, family: "Identification and Authentication", nist: "3.5.3e", title: "Block Untrusted Assets", points: 1, pointsParagraph: "170.24(c)(3)", poam: "yes", poamParagraph: "170.21(a)(3)(i)" },
  { id: "IR.L3-3.6.1e", level: 3, family: "Incident Response", nist: "3.6.1e", title: "Security Operations Center", points: 1, pointsParagraph: "170.24(c)(3)", poam: "excluded", poamParagraph: "170.21(a)(3)(ii)(A)" },
  { id: "IR.L3-3.6.2e", level: 3, family: "Incident Response", nist: "3.6.2e", title: "Cyber Incident Response Team", points: 1, pointsParagraph: "170.24(c)(3)", poam: "excluded", poamParagraph: "170.21(a)(3)(ii)(B)" },
  { id: "PS.L3-3.9.2e", level: 3, family: "Personnel Security", nist: "3.9.2e", title: "Adverse Information", points: 1, pointsParagraph: "170.24(c)(3)", poam: "yes", poamParagraph: "170.21(a)(3)(i)" },
  { id: "RA.L3-3.11.1e", level: 3, family: "Risk Assessment", nist: "3.11.1e", title: "Threat-Informed Risk Assessment", points: 1, pointsParagraph: "170.24(c)(3)", poam: "excluded", poamParagraph: "170.21(a)(3)(ii)(C)" },
  { id: "RA.L3-3.11.2e", level: 3, family: "Risk Assessment", nist: "3.11.2e", title: "Threat Hunting", points: 1, pointsParagraph: "170.24(c)(3)", poam: "yes", poamParagraph: "170.21(a)(3)(i)" },
  { id: "RA.L3-3.11.3e", level: 3, family: "Risk Assessment", nist: "3.11.3e", title: "Advanced Risk Identification", points: 1, pointsParagraph: "170.24(c)(3)", poam: "yes", poamParagraph: "170.21(a)(3)(i)" },
  { id: "RA.L3-3.11.4e", level: 3, family: "Risk Assessment", nist: "3.11.4e", title: "Security Solution Rationale", points: 1, pointsParagraph: "170.24(c)(3)", poam: "excluded", poamParagraph: "170.21(a)(3)(ii)(F)" },
  { id: "RA.L3-3.11.5e", level: 3, family: "Risk Assessment", nist: "3.11.5e", title: "Security Solution Effectiveness", points: 1, pointsParagraph: "170.24(c)(3)", poam: "yes", poamParagraph: "170.21(a)(3)(i)" },
  { id: "RA.L3-3.11.6e", level: 3, family: "Risk Assessment", nist: "3.11.6e", title: "Supply Chain Risk Response", points: 1, pointsParagraph: "170.24(c)(3)", poam: "excluded", poamParagraph: "170.21(a)(3)(ii)(D)" },
  { id: "RA.L3-3.11.7e", level: 3, family: "Risk Assessment", nist: "3.11.7e", title: "Supply Chain Risk Plan", points: 1, pointsParagraph: "170.24(c)(3)", poam: "excluded", poamParagraph: "170.21(a)(3)(ii)(E)" },
  { id: "CA.L3-3.12.1e", level: 3, family: "Security Assessment", nist: "3.12.1e", title: "Penetration Testing", points: 1, pointsParagraph: "170.24(c)(3)", poam: "yes", poamParagraph: "170.21(a)(3)(i)" },
  { id: "SC.L3-3.13.4e", level: 3, family: "System and Communications Protection", nist: "3.13.4e", title: "Isolation", points: 1, pointsParagraph: "170.24(c)(3)", poam: "yes", poamParagraph: "170.21(a)(3)(i)" },
  { id: "SI.L3-3.14.1e", level: 3, family: "System and Information Integrity", nist: "3.14.1e", title: "Integrity Verification", points: 1, pointsParagraph: "170.24(c)(3)", poam: "yes", poamParagraph: "170.21(a)(3)(i)" },
  { id: "SI.L3-3.14.3e", level: 3, family: "System and Information Integrity", nist: "3.14.3e", title: "Specialized Asset Security", points: 1, pointsParagraph: "170.24(c)(3)", poam: "excluded", poamParagraph: "170.21(a)(3)(ii)(G)" },
  { id: "SI.L3-3.14.6e", level: 3, family: "System and Information Integrity", nist: "3.14.6e", title: "Threat-Guided Intrusion Detection", points: 1, pointsParagraph: "170.24(c)(3)", poam: "yes", poamParagraph: "170.21(a)(3)(i)" },
];

const byId = new Map(REQUIREMENTS.map((r) => [r.id, r]));
const byUpper = new Map(REQUIREMENTS.map((r) => [r.id.toUpperCase(), r]));

/** The requirement with exactly this id, if any. */
export function requirement(id: string): Requirement | undefined {
  return byId.get(id);
}

/** The requirements of one level, in catalog order. */
export function requirementsOfLevel(level: Level): readonly Requirement[] {
  return REQUIREMENTS.filter((r) => r.level === level);
}

/** The requirements an SSP of this level must cover: Level 3 SSPs list Level 2 and Level 3. */
export function requirementsForSsp(level: Level): readonly Requirement[] {
  return level === 3 ? REQUIREMENTS.filter((r) => r.level >= 2) : requirementsOfLevel(level);
}

/** Maximum score at a level (170.24): 110 at Level 2, 24 at Level 3; Level 1 has none (all or nothing). */
export function maxScore(level: Level): number {
  return requirementsOfLevel(level).length;
}

/** Is `id` a practice-id shaped token (used by markdown headings, completion and the grammar)? */
export const PRACTICE_ID_PATTERN = /^[A-Z]{2}\.L[1-3]-[0-9a-z.]+$/;

/**
 * Up to `max` catalog ids closest to `id` (case-insensitive edit distance where a transposition
 * counts as one edit; ties go to the id's own family, then catalog order), optionally restricted
 * to some levels. Used for `unknown-practice` suggestions: the first one is the preferred fix.
 */
export function suggestIds(id: string, max = 3, levels?: readonly Level[]): string[] {
  const target = id.toUpperCase();
  const exact = byUpper.get(target);
  if (exact && (!levels || levels.includes(exact.level))) return [exact.id];
  const pool = levels ? REQUIREMENTS.filter((r) => levels.includes(r.level)) : REQUIREMENTS;
  const family = target.slice(0, 3);
  const scored = pool.map((r, i) => ({ id: r.id, d: editDistance(target, r.id.toUpperCase()), own: r.id.startsWith(family) ? 0 : 1, i }));
  scored.sort((a, b) => a.d - b.d || a.own - b.own || a.i - b.i);
  const limit = Math.max(3, Math.ceil(target.length / 2));
  return scored
    .filter((s) => s.d <= limit)
    .slice(0, max)
    .map((s) => s.id);
}
