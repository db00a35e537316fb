{{- define "needs" -}}{{ required (printf "%s is required" .name) .value }}{{- end -}}
