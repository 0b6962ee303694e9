{#- What the yearly genre models take out in an hourly run: each touched movie's genres and
    figures as the warehouse held them before this run (macros/hourly/touched_groups.sql). -#}
{{ rows_replaced_by_touched_movies('bridge_movie_genre', 'genre_id') }}
