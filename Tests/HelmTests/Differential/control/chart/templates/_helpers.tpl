{{- define "h.name" -}}{{ .Chart.Name }}-{{ .Release.Name }}{{- end }}
{{- define "h.args" -}}{{ index . 0 }}+{{ index . 1 }}{{- end }}
{{- define "h.dict" -}}{{ .a }}/{{ .b | default "none" }}{{- end }}
{{- define "h.multi" }}
line1
  line2
{{- end }}
{{- define "h.ws" -}}   padded   {{- end -}}
