"""Widgets of the live facilitation screen: phase header and timer, capture bar, findings list, rating panel."""
