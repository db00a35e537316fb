{{- define "nil-helper" -}}[{{ . }}]{{ printf "%T" . }}{{- end -}}
