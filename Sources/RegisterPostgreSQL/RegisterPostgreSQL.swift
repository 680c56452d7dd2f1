// The enrolment register on PostgreSQL.
