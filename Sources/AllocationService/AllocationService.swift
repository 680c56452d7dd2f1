// The allocation service: the enrolment register behind a web console and JSON API.
