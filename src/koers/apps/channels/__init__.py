"""Channel mix and digital inclusion: contacts per channel, the supply of each channel, the inclusion
warning and open-data context figures (CBS StatLine). Its own domain: it does not depend on indicators."""
