{{- define "labels" -}}
app: {{ .Chart.Name }}
release: {{ .Release.Name | quote }}
{{- with .Values.extraLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}
