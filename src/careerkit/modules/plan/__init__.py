"""Module 05, my career plan (notebooks/05_my_plan): every module's answers on one page, its versions, its export."""
