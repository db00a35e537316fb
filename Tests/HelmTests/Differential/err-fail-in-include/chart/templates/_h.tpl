{{- define "validate" -}}
{{- if not .Values.ok }}{{ fail "validation failed: ok must be set" }}{{ end -}}
{{- end -}}
