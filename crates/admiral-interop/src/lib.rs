//! MS Project XML, CSV and iCalendar.
