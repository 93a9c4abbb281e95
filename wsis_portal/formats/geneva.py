"""What every language of the portal writes alike: the day before the month and the year, 24-hour times
(the Forum's deadlines and sessions are in Geneva time), and ISO dates first among the inputs, as the
admin's calendar writes them and HTML date inputs send them. Digits stay 0-9 in every language, as on the
rest of the site (only letters may use Eastern Arabic digits: ``LETTERS_EASTERN_DIGITS``)."""

DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d/m/Y"

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y"]
TIME_INPUT_FORMATS = ["%H:%M:%S", "%H:%M:%S.%f", "%H:%M"]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M:%S.%f",
    "%Y-%m-%d %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
]
