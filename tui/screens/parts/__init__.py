"""A screen for each part of the policy, one module each; ``part_screen`` holds the list,
filter, pages, sort and export they share."""
