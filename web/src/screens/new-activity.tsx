/** A new processing activity, from one of the built-in templates or from scratch. */
import { Alert, Button, Modal, Radio, Select, Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useLocation } from "wouter";
import { ApiError, api } from "../api.ts";
import type { AssessmentView, TemplateList } from "../types.ts";

const slugify = (s: string) =>
  s
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80);

export function NewActivityDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const [, navigate] = useLocation();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const templates = useQuery({
    queryKey: ["templates"],
    queryFn: () => api.get<TemplateList>("/api/templates"),
    enabled: opened,
  });
  const form = useForm({
    initialValues: {
      start: "template",
      template: "",
      title: "",
      id: "",
      organisation: "",
      jurisdiction: "EU",
      purpose: "",
      dataCategory: "",
      dataSubjects: "",
    },
    validate: {
      title: (v) => (v.trim() ? null : "Give the activity a title"),
      id: (v) => (/^[a-z0-9][a-z0-9-]*$/.test(v) ? null : "Lower-case letters, digits and dashes"),
      template: (v, all) => (all.start === "template" && !v ? "Choose a template" : null),
      purpose: (v, all) =>
        all.start === "scratch" && !v.trim() ? "Describe at least one purpose" : null,
      dataCategory: (v, all) =>
        all.start === "scratch" && !v.trim() ? "Name a category of data" : null,
      dataSubjects: (v, all) =>
        all.start === "scratch" && !v.trim() ? "Name who the data is about" : null,
    },
  });
  const v = form.values;
  const chosen = templates.data?.items.find((t) => t.id === v.template);

  return (
    <Modal opened={opened} onClose={onClose} title="New processing activity" size="lg">
      <form
        onSubmit={form.onSubmit(async (values) => {
          setError(null);
          const organisation = {
            jurisdiction: values.jurisdiction,
            ...(values.organisation.trim() ? { name: values.organisation.trim() } : {}),
          };
          const body =
            values.start === "template"
              ? {
                  id: values.id,
                  title: values.title.trim(),
                  organisation,
                  template: values.template,
                }
              : {
                  id: values.id,
                  title: values.title.trim(),
                  organisation,
                  activity: {
                    name: values.title.trim(),
                    description: values.purpose.trim(),
                    purposes: [{ id: "main", description: values.purpose.trim() }],
                    dataCategories: [{ name: values.dataCategory.trim() }],
                    dataSubjects: [{ name: values.dataSubjects.trim() }],
                  },
                };
          try {
            const created = await api.post<AssessmentView>("/api/activities", body);
            queryClient.setQueryData(["assessment", created.slug], created);
            await queryClient.invalidateQueries({ queryKey: ["register"] });
            onClose();
            form.reset();
            navigate(`/activities/${created.slug}`);
          } catch (e) {
            if (e instanceof ApiError && e.issues.length > 0) {
              for (const i of e.issues)
                form.setFieldError(i.path.replace(/^body\./, ""), i.message);
            }
            setError(e instanceof Error ? e.message : String(e));
          }
        })}
      >
        <Stack>
          {error && (
            <Alert color="red" title="Not created">
              {error}
            </Alert>
          )}
          <Radio.Group label="Start" {...form.getInputProps("start")}>
            <Stack gap={6} mt={6}>
              <Radio
                value="template"
                label="From a template (interests, alternatives, safeguards and fields filled in)"
              />
              <Radio value="scratch" label="From scratch" />
            </Stack>
          </Radio.Group>
          {v.start === "template" && (
            <Select
              label="Template"
              placeholder={templates.isLoading ? "Loading…" : "Choose a template"}
              data={(templates.data?.items ?? []).map((t) => ({
                value: t.id,
                label: `${t.title} (${t.id})`,
              }))}
              {...form.getInputProps("template")}
              onChange={(id) => {
                form.setFieldValue("template", id ?? "");
                const t = templates.data?.items.find((x) => x.id === id);
                if (t && !v.title) form.setFieldValue("title", t.title);
                if (t && !v.id) form.setFieldValue("id", t.id);
                if (t) form.setFieldValue("jurisdiction", t.jurisdiction);
              }}
              searchable
            />
          )}
          {chosen && (
            <Text size="sm" c="dimmed">
              {chosen.description}{" "}
              {chosen.interests > 0 ? `${chosen.interests} interests in its LIA.` : ""}
            </Text>
          )}
          <TextInput
            label="Title"
            {...form.getInputProps("title")}
            onChange={(e) => {
              const title = e.currentTarget.value;
              form.setFieldValue("title", title);
              if (!form.isTouched("id")) form.setFieldValue("id", slugify(title));
            }}
          />
          <TextInput label="Id (used in addresses and files)" {...form.getInputProps("id")} />
          <TextInput label="Controller's legal name" {...form.getInputProps("organisation")} />
          <Select
            label="Which GDPR applies"
            data={[
              { value: "EU", label: "EU GDPR" },
              { value: "UK", label: "UK GDPR" },
            ]}
            allowDeselect={false}
            {...form.getInputProps("jurisdiction")}
          />
          {v.start === "scratch" && (
            <>
              <TextInput label="Main purpose" {...form.getInputProps("purpose")} />
              <TextInput
                label="A category of personal data"
                {...form.getInputProps("dataCategory")}
              />
              <TextInput label="Who the data is about" {...form.getInputProps("dataSubjects")} />
            </>
          )}
          <Button type="submit" loading={form.submitting}>
            Create
          </Button>
        </Stack>
      </form>
    </Modal>
  );
}
