"""Django format modules (``FORMAT_MODULE_PATH``): how dates, times and numbers are written in each language
of the portal, on its pages and in the admin alike. ``geneva`` holds what every language shares; a
language's own module adds its separators. A language without a module here keeps Django's own."""
