import EnrolmentRegister

/// The JSON documents of the API. Keys are snake_case.
enum APIBodies {
    struct SignIn: Decodable { var name: String; var password: String }

    struct Session: Encodable {
        var account: String
        var role: String
        var csrf_token: String
    }

    struct Study: Encodable {
        var study: String
        var arms: [String]
        var baseline: [BaselineFieldDescription]
        var eligibility: [String]
    }

    struct Enrolment: Decodable { var identifier: String; var fields: [String: String]? }

    struct EnrolmentResult: Encodable {
        var status: String
        var arm: String?
        var enrolment: Int64?
        var enrolled_at: String?
        var reasons: [String]?
        var audit_reference: String
        var message: String?

        init(_ outcome: EnrolmentOutcome) {
            audit_reference = outcome.audit.description
            switch outcome {
            case .allocated(let record):
                status = "allocated"
                arm = record.arm
                enrolment = record.sequence
                enrolled_at = record.enrolledAt
            case .alreadyEnrolled(let record, _):
                status = "already_enrolled"
                enrolled_at = record.enrolledAt
                message = "This person is already enrolled; no new allocation was made. An enroller may look up their allocation."
            case .ineligible(let failed, _):
                status = "ineligible"
                reasons = failed
            }
        }
    }

    struct LookUp: Decodable { var identifier: String }

    struct LookUpResult: Encodable {
        var enrolled: Bool
        var arm: String?
        var enrolled_at: String?
        var audit_reference: String?

        init(_ record: EnrolmentRecord?) {
            enrolled = record != nil
            arm = record?.arm
            enrolled_at = record?.enrolledAt
            audit_reference = record?.audit.description
        }
    }

    struct Table: Encodable {
        var title: String
        var rows: [String]
        var columns: [String]
        /// Each cell as published: digits, or `[c]` when suppressed.
        var cells: [[String]]
        var row_totals: [String]?
        var column_totals: [String]?
        var grand_total: String?
        var disclosure_control: String
    }

    struct Dashboard: Encodable {
        var by_arm: Table
        var by_stratum: Table?
    }

    struct Verification: Encodable {
        var intact: Bool
        var entries: Int
        var people_allocated: Int
        var allocations_recomputed: Int?
        var head: String?
        var event_counts: [String: Int]
        var problems: [String]
    }

    struct NewAccount: Decodable { var name: String; var role: String; var password: String }
    struct AccountName: Decodable { var name: String }
    struct PasswordReset: Decodable { var name: String; var password: String }
    struct Done: Encodable { var done: String }
}
