{{- define "block" -}}
line1:
  nested: {{ .v }}
list:
- a
- b
{{- end -}}
{{- define "withws" }}
  leading
{{ end -}}
{{- define "uses-root" -}}{{ $.Release.Name }}/{{ .Chart.Name }}{{- end -}}
{{- define "recursive" -}}{{ if gt (int .n) 0 }}{{ .n }},{{ include "recursive" (dict "n" (sub .n 1)) }}{{ end }}{{- end -}}
