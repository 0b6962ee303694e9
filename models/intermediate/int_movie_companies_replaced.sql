{#- What the yearly company models take out in an hourly run: each touched movie's companies
    and figures as the warehouse held them before this run (macros/hourly/touched_groups.sql). -#}
{{ rows_replaced_by_touched_movies('bridge_movie_company', 'company_id') }}
